#!/bin/bash
set -e
kubectl create namespace alerts
kubectl -n alerts create deployment notifier --image=nginx:1.277 --replicas=3
