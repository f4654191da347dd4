#!/bin/bash
# expect: full
# The label through `kubectl edit`-like merge patch, the peer written with matchExpressions and
# its two selectors in the other order.
kubectl patch namespace monitoring -p '{"metadata":{"labels":{"team":"observability"}}}'
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-scrape
  namespace: payments
spec:
  podSelector:
    matchLabels: {}
  ingress:
  - ports:
    - port: 8080
    from:
    - podSelector:
        matchExpressions:
        - {key: app, operator: In, values: [prometheus]}
      namespaceSelector:
        matchExpressions:
        - {key: team, operator: In, values: [observability]}
EOF
