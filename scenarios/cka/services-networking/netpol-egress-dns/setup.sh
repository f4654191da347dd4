#!/bin/bash
set -e
kubectl create namespace jobs
kubectl -n jobs run db --image=postgres:16 --labels=app=db --port=5432 --env=POSTGRES_PASSWORD=example
kubectl -n jobs expose pod db --port=5432
kubectl -n jobs run worker --image=busybox:1.36 --labels=app=worker -- sleep 3600
kubectl -n jobs run web --image=nginx:1.27 --labels=app=web --port=80
kubectl -n jobs expose pod web --port=80
sleep 30
kubectl -n jobs get pods
