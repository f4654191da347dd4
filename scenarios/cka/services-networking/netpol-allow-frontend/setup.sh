#!/bin/bash
set -e
kubectl create namespace shop
kubectl -n shop run api --image=nginx:1.27 --labels=app=api --port=8080
kubectl -n shop expose pod api --port=8080
kubectl -n shop run frontend --image=busybox:1.36 --labels=role=frontend -- sleep 3600
kubectl -n shop run intruder --image=busybox:1.36 --labels=role=batch -- sleep 3600
kubectl -n shop wait --for=condition=Ready pod --all --timeout=90s
