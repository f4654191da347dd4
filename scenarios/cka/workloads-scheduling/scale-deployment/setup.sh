#!/bin/bash
set -e
kubectl create namespace shop
kubectl -n shop create deployment checkout --image=nginx:1.27 --replicas=2
