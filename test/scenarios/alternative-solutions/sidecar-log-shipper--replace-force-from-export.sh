#!/bin/bash
# expect: full
# The running pod exported and rewritten, then `kubectl replace --force`; the init scripts in
# command/args form, volumes declared after the containers.
cat > /root/web.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: logging
spec:
  initContainers:
  - name: prepare
    image: busybox:1.36
    command: [/bin/sh, -c]
    args: ["echo ready > /work/status"]
    volumeMounts: [{name: work, mountPath: /work}]
  - name: shipper
    image: busybox:1.36
    restartPolicy: Always
    command: [sh]
    args: [-c, "tail -F /var/log/nginx/access.log"]
    volumeMounts: [{name: logs, mountPath: /var/log/nginx, readOnly: true}]
  containers:
  - name: nginx
    image: nginx:1.27
    ports: [{containerPort: 80}]
    volumeMounts: [{name: logs, mountPath: /var/log/nginx}]
  volumes:
  - {name: logs, emptyDir: {}}
  - {name: work, emptyDir: {}}
EOF
kubectl replace --force -f /root/web.yaml
