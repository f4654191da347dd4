#!/bin/bash
# expect: partial
# Frontend pods are allowed on every port: the task restricts them to TCP 8080.
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-allow-frontend, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from:
    - podSelector: {matchLabels: {role: frontend}}
EOF
