#!/bin/bash
set -e
kubectl create namespace web-team
kubectl -n web-team create deployment frontend --image=nginx:1.27 --replicas=2
kubectl -n web-team apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: frontend
spec:
  selector:
    app: front-end
  ports:
  - port: 80
    targetPort: 80
EOF
