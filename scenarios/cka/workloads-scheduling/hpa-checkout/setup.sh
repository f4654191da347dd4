#!/bin/bash
set -e
kubectl create namespace shop-api
kubectl -n shop-api create deployment cart --image=nginx:1.27
kubectl -n shop-api patch deployment cart --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/name","value":"cart"}]'
