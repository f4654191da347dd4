#!/bin/bash
# expect: partial
# A normal pod created through the API and pinned with nodeName: not a static pod.
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: node-probe-node01, namespace: default}
spec:
  nodeName: node01
  containers:
  - {name: node-probe, image: "busybox:1.36", command: [sleep, "3600"]}
EOF
