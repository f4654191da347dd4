#!/bin/bash
set -e
kubectl create namespace analytics
kubectl -n analytics run reporter --image=busybox:1.36 --command -- sh -c 'set -e; while true; do dat; sleep 10; done'
