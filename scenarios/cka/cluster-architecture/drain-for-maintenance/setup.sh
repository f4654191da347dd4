#!/bin/bash
set -e
kubectl create namespace tmp
kubectl create deployment web --image=nginx:1.27 --replicas=4
kubectl -n tmp run scratch --image=busybox:1.36 --overrides='{"spec":{"nodeName":"node02"}}' -- sleep 3600
sleep 30
kubectl get deployment web
