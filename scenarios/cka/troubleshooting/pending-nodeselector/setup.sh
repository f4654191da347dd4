#!/bin/bash
set -e
kubectl create namespace lab
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: gpu-test
  namespace: lab
spec:
  nodeSelector:
    hardware: gpu
  containers:
  - name: gpu-test
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
