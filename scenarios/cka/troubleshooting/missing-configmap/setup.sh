#!/bin/bash
set -e
kubectl create namespace comms
kubectl -n comms apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: mailer
spec:
  containers:
  - name: mailer
    image: busybox:1.36
    command: ["sh", "-c", "echo $SMTP_HOST:$SMTP_PORT; sleep 3600"]
    envFrom:
    - configMapRef:
        name: mailer-settings
EOF
