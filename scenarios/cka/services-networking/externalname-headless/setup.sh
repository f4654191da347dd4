#!/bin/bash
set -e
kubectl create namespace integration
kubectl -n integration create deployment ledger --image=postgres:16 --replicas=2
kubectl -n integration set env deployment/ledger POSTGRES_PASSWORD=example
