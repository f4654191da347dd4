#!/bin/bash
set -e
curl -sL -o /root/metrics-server.yaml https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml
kubectl apply -f /root/metrics-server.yaml
kubectl -n kube-system patch deployment metrics-server --type=json -p='[{"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--kubelet-insecure-tls"}]'
kubectl create namespace compute
kubectl -n compute run idle --image=busybox:1.36 -- sleep 3600
kubectl -n compute run cruncher --image=busybox:1.36 -- sh -c 'while true; do :; done'
kubectl -n compute run web --image=nginx:1.27
