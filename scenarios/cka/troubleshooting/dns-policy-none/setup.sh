#!/bin/bash
set -e
kubectl create namespace legacy
kubectl -n legacy apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: legacy-client
spec:
  dnsPolicy: None
  dnsConfig:
    nameservers: ["192.0.2.53"]
    searches: ["corp.local"]
  containers:
  - name: client
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
