#!/bin/bash
# expect: partial
# dnsPolicy Default means the node's resolver, not the cluster DNS.
kubectl -n legacy delete pod legacy-client
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: legacy-client, namespace: legacy}
spec:
  dnsPolicy: Default
  containers:
  - {name: legacy-client, image: "busybox:1.36", command: [sleep, "3600"]}
EOF
