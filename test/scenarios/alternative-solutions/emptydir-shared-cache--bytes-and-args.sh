#!/bin/bash
# expect: full
# sizeLimit in plain bytes (67108864 = 64Mi), the writer's script split into command and args,
# containers listed reader first.
kubectl create namespace storage-lab
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: cache-pair
  namespace: storage-lab
spec:
  containers:
  - name: reader
    image: busybox:1.36
    args: ["sleep", "3600"]
    volumeMounts:
    - {name: cache, mountPath: /data, readOnly: true}
  - name: writer
    image: busybox:1.36
    command: ["/bin/sh", "-c"]
    args: ["date > /cache/stamp; sleep 3600"]
    volumeMounts:
    - {name: cache, mountPath: /cache}
  volumes:
  - name: cache
    emptyDir:
      sizeLimit: "67108864"
      medium: Memory
EOF
