#!/bin/bash
# expect: full
# web allowed to cart on every port: still only web gains access.
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
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: web
YAML
