#!/bin/bash
kubectl -n logging delete pod web --now
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: logging
spec:
  volumes:
  - name: work
    emptyDir: {}
  - name: logs
    emptyDir: {}
  initContainers:
  - name: prepare
    image: busybox:1.36
    command: ["sh", "-c", "echo ready > /work/status"]
    volumeMounts:
    - name: work
      mountPath: /work
  - name: shipper
    image: busybox:1.36
    restartPolicy: Always
    command: ["sh", "-c", "tail -F /var/log/nginx/access.log"]
    volumeMounts:
    - name: logs
      mountPath: /var/log/nginx
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: logs
      mountPath: /var/log/nginx
EOF
sleep 20
kubectl -n logging get pod web
