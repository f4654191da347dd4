#!/bin/bash
# expect: partial
# Two peers instead of one: any pod of a team=observability namespace, OR prometheus pods of
# payments itself. Every pod in monitoring may scrape, not only Prometheus.
kubectl label namespace monitoring team=observability
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-scrape, namespace: payments}
spec:
  podSelector: {}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: prometheus}}
    - namespaceSelector: {matchLabels: {team: observability}}
    ports:
    - {port: 8080, protocol: TCP}
EOF
