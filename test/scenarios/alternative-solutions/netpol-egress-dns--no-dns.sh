#!/bin/bash
# expect: partial
# Only the database allowed: name lookups fail.
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: worker-egress, namespace: jobs}
spec:
  podSelector: {matchLabels: {app: worker}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: db}}}]
    ports: [{port: 5432, protocol: TCP}]
EOF
