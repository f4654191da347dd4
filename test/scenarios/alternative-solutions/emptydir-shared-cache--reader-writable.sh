#!/bin/bash
# expect: partial
# The reader mounts the cache read-write: the task asked for read-only.
kubectl create namespace storage-lab
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: cache-pair, namespace: storage-lab}
spec:
  volumes:
  - {name: cache, emptyDir: {medium: Memory, sizeLimit: 64Mi}}
  containers:
  - {name: writer, image: "busybox:1.36", command: [sh, -c, "date > /cache/stamp; sleep 3600"], volumeMounts: [{name: cache, mountPath: /cache}]}
  - {name: reader, image: "busybox:1.36", command: [sleep, "3600"], volumeMounts: [{name: cache, mountPath: /data}]}
EOF
