#!/bin/bash
# expect: partial
# /api sent to store-api on port 80 instead of 8080.
kubectl apply -f - <<'EOF'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: store-route, namespace: store}
spec:
  parentRefs: [{name: public, namespace: gateway-infra, sectionName: http}]
  hostnames: [store.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs: [{name: store-api, port: 80}]
  - backendRefs: [{name: store-web, port: 80}]
EOF
