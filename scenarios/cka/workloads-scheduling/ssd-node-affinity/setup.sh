#!/bin/bash
kubectl label nodes node01 zone=eu-west-1a
kubectl label nodes node02 zone=eu-west-1b
