#!/bin/bash
set -e
kubectl create namespace retail
kubectl -n retail create deployment storefront --image=nginx:1.27 --replicas=3
kubectl -n retail rollout status deployment storefront --timeout=120s
kubectl -n retail set image deployment/storefront nginx=nginx:1.28-broken
