#!/bin/bash
set -e
kubectl create namespace science
kubectl -n science create deployment analyzer --image=nginx:1.27
kubectl -n science set resources deployment analyzer --requests=cpu=64,memory=512Mi
