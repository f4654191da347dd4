#!/bin/bash
set -e
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
EOF
kubectl create namespace web
kubectl -n web create deployment shop --image=nginx:1.27
kubectl -n web expose deployment shop --port=80
kubectl -n web create deployment blog --image=httpd:2.4
kubectl -n web expose deployment blog --port=8080 --target-port=80
