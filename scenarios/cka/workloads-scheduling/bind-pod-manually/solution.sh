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
sleep 20
kubectl -n sched get pod batch-probe
