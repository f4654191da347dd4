#!/bin/bash
set -e
kubectl create namespace cms-prod
kubectl -n cms-prod apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: site
spec:
  volumes:
  - name: work
    emptyDir: {}
  initContainers:
  - name: fetch
    image: busybox:1.36
    command: ["sh", "-c", "echo '<h1>Welcome</h1>' > /work/site/index.html"]
    volumeMounts:
    - name: work
      mountPath: /work
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: work
      mountPath: /usr/share/nginx/html
EOF
