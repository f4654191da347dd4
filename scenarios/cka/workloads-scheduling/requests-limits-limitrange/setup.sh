#!/bin/bash
set -e
kubectl create namespace payments
kubectl -n payments create deployment api --image=nginx:1.27 --replicas=2
kubectl -n payments patch deployment api --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/name","value":"api"}]'
