#!/bin/bash
set -e
kubectl create namespace warehouse
kubectl -n warehouse create deployment inventory --image=nginx:1.27 --replicas=2 --port=80
kubectl -n warehouse rollout status deployment inventory --timeout=120s
