#!/bin/bash
# expect: full
# The same policy with set-based selectors (matchExpressions), the port given with its protocol
# first, and policyTypes left to its default.
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-allow-frontend
  namespace: shop
  labels:
    owner: platform
spec:
  podSelector:
    matchExpressions:
    - key: app
      operator: In
      values: [api]
  ingress:
  - ports:
    - port: 8080
      protocol: TCP
    from:
    - podSelector:
        matchExpressions:
        - {key: role, operator: In, values: [frontend]}
EOF
