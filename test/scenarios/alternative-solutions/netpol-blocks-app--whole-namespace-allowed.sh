#!/bin/bash
# expect: partial
# Every pod of the namespace allowed to cart: batch gains access too.
kubectl apply -f - <<'YAML'
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
    - podSelector: {}
YAML
