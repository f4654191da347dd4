#!/bin/bash
# expect: full
# Prefix paths written with a trailing slash: Kubernetes ignores it, so /shop/ also serves /shop.
kubectl apply -f - <<'EOF2'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: main, namespace: web}
spec:
  ingressClassName: nginx
  rules:
  - host: portal.example.com
    http:
      paths:
      - {path: /shop/, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}
      - {path: /blog/, pathType: Prefix, backend: {service: {name: blog, port: {number: 8080}}}}
EOF2
