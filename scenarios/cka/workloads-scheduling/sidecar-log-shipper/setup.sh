#!/bin/bash
set -e
kubectl create namespace logging
kubectl -n logging run web --image=nginx:1.27
