#!/bin/bash
# expect: partial
# User and group set on the container only: the task asks for them at pod level.
kubectl create ns secure-apps
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: hardened, namespace: secure-apps}
spec:
  securityContext: {fsGroup: 2000}
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
    securityContext:
      runAsUser: 1000
      runAsGroup: 3000
      runAsNonRoot: true
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
EOF
