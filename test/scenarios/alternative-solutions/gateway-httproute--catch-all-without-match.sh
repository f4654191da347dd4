#!/bin/bash
# expect: full
# The catch-all rule without any match (it matches every path), listed first; the /api rule
# with its type left to the PathPrefix default; the parent given without its namespace default.
kubectl apply -f - <<'EOF'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: store-route
  namespace: store
spec:
  parentRefs:
  - group: gateway.networking.k8s.io
    kind: Gateway
    name: public
    namespace: gateway-infra
    sectionName: http
  hostnames:
  - store.example.com
  rules:
  - backendRefs:
    - name: store-web
      port: 80
  - matches:
    - path:
        value: /api
    backendRefs:
    - name: store-api
      port: 8080
EOF
