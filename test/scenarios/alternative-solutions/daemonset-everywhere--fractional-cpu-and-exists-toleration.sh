#!/bin/bash
# expect: full
# Requests written as 0.05 CPU and 65536Ki, and a blanket `operator: Exists` toleration instead of
# the control-plane taint's key; the DaemonSet created from a file.
kubectl create ns monitoring
cat > /root/ds.yaml <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: monitoring
  labels:
    app: node-exporter
spec:
  selector:
    matchLabels:
      app: node-exporter
  template:
    metadata:
      labels:
        app: node-exporter
        tier: monitoring
    spec:
      tolerations:
      - operator: Exists
      containers:
      - name: exporter
        image: busybox:1.36
        command: ["sleep"]
        args: ["86400"]
        resources:
          requests:
            memory: 65536Ki
            cpu: 0.05
EOF
kubectl apply -f /root/ds.yaml
