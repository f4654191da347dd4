#!/bin/bash
# expect: partial
# The second rule only catches /web, so /products/42 matches no rule: "everything else" is not routed.
kubectl apply -f - <<'EOF2'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: store-route, namespace: store}
spec:
  parentRefs: [{name: public, namespace: gateway-infra, sectionName: http}]
  hostnames: [store.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs: [{name: store-api, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /web}}]
    backendRefs: [{name: store-web, port: 80}]
EOF2
