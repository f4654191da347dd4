#!/bin/bash
set -e
kubectl create namespace shop
kubectl -n shop run api --image=kodekloud/webapp-color:v1 --labels=app=api --port=8080
kubectl -n shop expose pod api --port=8080
kubectl -n shop run frontend --image=busybox:1.36 --labels=role=frontend -- sleep 3600
kubectl -n shop run intruder --image=busybox:1.36 --labels=role=batch -- sleep 3600
sleep 30
kubectl -n shop get pods
