#!/bin/bash
set -e
kubectl create namespace ml
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: general
  namespace: ml
spec:
  nodeName: node02
  containers:
  - name: general
    image: nginx:1.27
EOF
