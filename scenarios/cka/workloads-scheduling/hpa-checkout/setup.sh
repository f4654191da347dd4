#!/bin/bash
set -e
curl -sL -o /root/metrics-server.yaml https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml
kubectl apply -f /root/metrics-server.yaml
kubectl -n kube-system patch deployment metrics-server --type=json -p='[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--kubelet-insecure-tls"}]'
kubectl create namespace shop-api
kubectl -n shop-api create deployment cart --image=nginx:1.27
kubectl -n shop-api patch deployment cart --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/name","value":"cart"}]'
