#!/bin/bash
set -e
kubectl create namespace tmp
kubectl create deployment web --image=nginx:1.27 --replicas=4
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: scratch
  namespace: tmp
spec:
  nodeName: node02
  containers:
  - name: scratch
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
sleep 30
kubectl get deployment web
