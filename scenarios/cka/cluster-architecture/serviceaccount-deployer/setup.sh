#!/bin/bash
kubectl create namespace ci
