#!/bin/bash
set -e
kubectl create namespace lab
kubectl -n lab run gpu-test --image=busybox:1.36 --overrides='{"spec":{"nodeSelector":{"hardware":"gpu"}}}' -- sleep 3600
