#!/bin/bash
set -e
kubectl create namespace payments
kubectl create namespace monitoring
kubectl create namespace sandbox
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: payments
spec:
  podSelector: {}
  policyTypes: ["Ingress"]
EOF
kubectl -n payments run exporter --image=prom/node-exporter:v1.8.2 --labels=app=exporter --port=9100
kubectl -n payments expose pod exporter --port=9100
kubectl -n monitoring run prometheus --image=busybox:1.36 --labels=app=prometheus -- sleep 3600
kubectl -n sandbox run prometheus --image=busybox:1.36 --labels=app=prometheus -- sleep 3600
kubectl -n payments wait --for=condition=Ready pod/exporter --timeout=90s
