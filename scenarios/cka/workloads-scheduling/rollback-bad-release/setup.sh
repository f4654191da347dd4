#!/bin/bash
set -e
kubectl create namespace retail
kubectl -n retail create deployment storefront --image=nginx:1.27 --replicas=3
sleep 30
kubectl -n retail get deployment storefront
kubectl -n retail set image deployment/storefront nginx=nginx:1.28-broken
