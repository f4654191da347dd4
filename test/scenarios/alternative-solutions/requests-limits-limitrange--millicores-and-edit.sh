#!/bin/bash
# expect: full
# The CPU limit written as 1000m, the memory request as 0.25Gi, through a JSON patch instead of
# `kubectl set resources`; the LimitRange with its limits listed in another order.
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: LimitRange
metadata:
  name: container-defaults
  namespace: payments
spec:
  limits:
  - default:
      memory: 256Mi
      cpu: 500m
    defaultRequest:
      memory: 128Mi
      cpu: 0.1
    type: Container
EOF
kubectl -n payments patch deployment api --type=json -p='[{"op":"add","path":"/spec/template/spec/containers/0/resources","value":{"requests":{"cpu":"250m","memory":"0.25Gi"},"limits":{"cpu":"1000m","memory":"512Mi"}}}]'
