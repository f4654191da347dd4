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
kubectl -n payments run exporter --image=kodekloud/webapp-color:v1 --labels=app=exporter --port=8080
kubectl -n payments expose pod exporter --port=8080
kubectl -n monitoring run prometheus --image=busybox:1.36 --labels=app=prometheus -- sleep 3600
kubectl -n sandbox run prometheus --image=busybox:1.36 --labels=app=prometheus -- sleep 3600
sleep 20
kubectl -n payments get pod exporter
