#!/bin/bash
set -e
kubectl create namespace private
kubectl -n private create deployment billing-api --image=private-registry.io/apps/internal-app:1.0
