#!/bin/bash
set -e
kubectl create namespace warehouse
kubectl -n warehouse create deployment inventory --image=nginx:1.27 --replicas=2 --port=80
sleep 30
kubectl -n warehouse get deployment inventory
