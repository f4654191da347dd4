#!/bin/bash
# expect: partial
# A limit of 1m CPU is not 1 CPU.
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: LimitRange
metadata: {name: container-defaults, namespace: payments}
spec:
  limits:
  - {type: Container, defaultRequest: {cpu: 100m, memory: 128Mi}, default: {cpu: 500m, memory: 256Mi}}
EOF
kubectl -n payments set resources deployment api --requests=cpu=1m,memory=256Mi --limits=cpu=1m,memory=512Mi
