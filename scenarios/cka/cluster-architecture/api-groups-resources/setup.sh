#!/bin/bash
kubectl version
