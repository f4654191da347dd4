#!/bin/bash
set -e
kubectl create namespace backend
kubectl -n backend create deployment api --image=nginx:1.27
kubectl -n backend create service clusterip api --tcp=80:8080
kubectl -n backend run client --image=busybox:1.36 -- sleep 3600
