#!/bin/bash
set -e
kubectl create namespace store
kubectl -n store run cart --image=nginx:1.27 --labels=app=cart --port=80
kubectl -n store expose pod cart --port=80
kubectl -n store run web --image=busybox:1.36 --labels=app=web -- sleep 3600
kubectl -n store run batch --image=busybox:1.36 --labels=app=batch -- sleep 3600
kubectl -n store apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all-ingress
spec:
  podSelector: {}
  policyTypes: ["Ingress"]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns
spec:
  podSelector: {}
  policyTypes: ["Egress"]
  egress:
  - ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
  - to:
    - podSelector: {}
EOF
