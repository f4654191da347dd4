#!/bin/bash
set -e
kubectl create namespace sched
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: batch-probe
  namespace: sched
spec:
  schedulerName: manual
  containers:
  - name: probe
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
