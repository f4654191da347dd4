#!/bin/bash
kubectl create -f - <<'EOF'
apiVersion: v1
kind: Binding
metadata:
  name: batch-probe
  namespace: sched
target:
  apiVersion: v1
  kind: Node
  name: node02
EOF
kubectl -n sched wait --for=condition=Ready pod/batch-probe --timeout=60s
