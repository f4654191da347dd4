#!/bin/bash
set -e
kubectl run client --image=busybox:1.36 -- sleep 3600
kubectl -n kube-system scale deployment coredns --replicas=0
