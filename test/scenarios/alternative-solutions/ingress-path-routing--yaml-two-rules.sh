#!/bin/bash
# expect: full
# Written as YAML with one rule per path for the same host (equivalent to one rule with two
# paths), blog listed first.
kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: main
  namespace: web
spec:
  ingressClassName: nginx
  rules:
  - host: portal.example.com
    http:
      paths:
      - path: /blog
        pathType: Prefix
        backend:
          service:
            name: blog
            port:
              number: 8080
  - host: portal.example.com
    http:
      paths:
      - path: /shop
        pathType: Prefix
        backend:
          service:
            name: shop
            port:
              number: 80
EOF
