#!/bin/bash
# expect: partial
# The shipper as a second regular container instead of a native (init) sidecar.
kubectl -n logging delete pod web
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: logging}
spec:
  initContainers:
  - {name: prepare, image: "busybox:1.36", command: [sh, -c, "echo ready > /work/status"], volumeMounts: [{name: work, mountPath: /work}]}
  containers:
  - {name: nginx, image: "nginx:1.27", volumeMounts: [{name: logs, mountPath: /var/log/nginx}]}
  - {name: shipper, image: "busybox:1.36", command: [sh, -c, "tail -F /var/log/nginx/access.log"], volumeMounts: [{name: logs, mountPath: /var/log/nginx}]}
  volumes:
  - {name: logs, emptyDir: {}}
  - {name: work, emptyDir: {}}
EOF
