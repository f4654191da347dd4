#!/bin/bash
kubectl -n store get networkpolicies
kubectl -n store describe networkpolicy deny-all-ingress
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web-to-cart
  namespace: store
spec:
  podSelector:
    matchLabels:
      app: cart
  policyTypes: ["Ingress"]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: web
    ports:
    - protocol: TCP
      port: 80
EOF
