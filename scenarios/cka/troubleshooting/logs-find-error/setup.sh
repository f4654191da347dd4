#!/bin/bash
set -e
kubectl create namespace payments
kubectl -n payments apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: payments-worker
spec:
  containers:
  - name: worker
    image: busybox:1.36
    command: ["sh", "-c", "echo 'INFO starting worker'; echo 'INFO processed txn-1001'; echo 'ERROR txn-1002 declined by issuer'; echo 'INFO processed txn-1003'; sleep 3600"]
  - name: metrics
    image: busybox:1.36
    command: ["sh", "-c", "echo 'ERROR metrics endpoint not configured'; sleep 3600"]
EOF
