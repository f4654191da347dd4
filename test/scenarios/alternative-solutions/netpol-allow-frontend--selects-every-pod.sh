#!/bin/bash
# expect: partial
# The policy isolates every pod of the namespace, not only the api pods.
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-allow-frontend, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from:
    - podSelector: {matchLabels: {role: frontend}}
    ports:
    - {port: 8080, protocol: TCP}
EOF
