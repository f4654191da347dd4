#!/bin/bash
set -e
kubectl create namespace ops-ui
kubectl -n ops-ui create deployment dashboard --image=nginx:1.27 --replicas=2 --port=80
sleep 30
kubectl -n ops-ui get deployment dashboard
