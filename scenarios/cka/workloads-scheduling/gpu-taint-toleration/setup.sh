#!/bin/bash
set -e
kubectl create namespace ml
kubectl -n ml run general --image=nginx:1.27 --overrides='{"spec":{"nodeName":"node02"}}'
