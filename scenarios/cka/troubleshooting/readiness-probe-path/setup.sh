#!/bin/bash
set -e
kubectl create namespace public
kubectl -n public apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: status-page
  labels:
    app: status-page
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /healthz
        port: 80
      periodSeconds: 5
EOF
kubectl -n public expose pod status-page --port=80
