#!/bin/bash
# expect: full
# The pod generated with kubectl run and completed in the file: capabilities with `add` before
# `drop`, the pod-level settings in another order, the container also stating runAsNonRoot.
kubectl create ns secure-apps
kubectl -n secure-apps run hardened --image=busybox:1.36 --dry-run=client -o yaml --command -- sleep 3600 > /root/hardened.yaml
cat > /root/hardened.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  labels: {run: hardened}
  name: hardened
  namespace: secure-apps
spec:
  securityContext:
    fsGroup: 2000
    runAsNonRoot: true
    runAsGroup: 3000
    runAsUser: 1000
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
    securityContext:
      runAsNonRoot: true
      capabilities:
        add: [NET_BIND_SERVICE]
        drop: [ALL]
      readOnlyRootFilesystem: true
      allowPrivilegeEscalation: false
EOF
kubectl apply -f /root/hardened.yaml
