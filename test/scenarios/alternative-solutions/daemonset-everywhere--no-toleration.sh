#!/bin/bash
# expect: partial
# Without a toleration for the control-plane taint the DaemonSet skips controlplane: two pods, not three.
kubectl create ns monitoring
kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: monitoring}
spec:
  selector: {matchLabels: {app: node-exporter}}
  template:
    metadata: {labels: {app: node-exporter}}
    spec:
      containers:
      - {name: exporter, image: "busybox:1.36", command: [sleep, "86400"], resources: {requests: {cpu: 50m, memory: 64Mi}}}
EOF
