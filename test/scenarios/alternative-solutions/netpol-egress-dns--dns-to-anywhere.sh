#!/bin/bash
# expect: full
# DNS allowed to any destination on port 53 (no `to`), the db rule with a named protocol order.
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: worker-egress
  namespace: jobs
spec:
  podSelector:
    matchExpressions: [{key: app, operator: In, values: [worker]}]
  policyTypes: [Egress]
  egress:
  - ports:
    - {port: 53, protocol: TCP}
    - {port: 53, protocol: UDP}
  - to:
    - podSelector: {matchLabels: {app: db}}
    ports:
    - {port: 5432}
EOF
