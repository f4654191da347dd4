#!/bin/bash
set -e
kubectl create namespace private
kubectl -n private create deployment billing-api --image=registry.corp.example:5000/billing/api:2.1
