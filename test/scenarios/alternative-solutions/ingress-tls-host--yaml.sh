#!/bin/bash
# expect: full
# The TLS Secret built with --dry-run=client | apply, the Ingress as YAML with the backend port by number.
kubectl -n secure create secret tls api-tls --cert /root/api.crt --key /root/api.key --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  namespace: secure
spec:
  ingressClassName: nginx
  tls:
  - secretName: api-tls
    hosts: [api.example.com]
  rules:
  - host: api.example.com
    http:
      paths:
      - pathType: Prefix
        path: /
        backend:
          service: {name: api, port: {number: 80}}
EOF
