#!/bin/bash
# expect: partial
# An Exact match on /api: /api/orders falls through to store-web although its path starts with /api.
kubectl apply -f - <<'EOF2'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: store-route, namespace: store}
spec:
  parentRefs: [{name: public, namespace: gateway-infra, sectionName: http}]
  hostnames: [store.example.com]
  rules:
  - matches: [{path: {type: Exact, value: /api}}]
    backendRefs: [{name: store-api, port: 8080}]
  - backendRefs: [{name: store-web, port: 80}]
EOF2
