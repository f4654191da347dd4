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
kubectl create namespace secure
kubectl -n secure create deployment api --image=nginx:1.27
kubectl -n secure expose deployment api --port=80
openssl req -x509 -nodes -newkey rsa:2048 -days 365 -subj "/CN=api.example.com" -keyout /root/api.key -out /root/api.crt
