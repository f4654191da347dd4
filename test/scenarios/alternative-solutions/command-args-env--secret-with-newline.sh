#!/bin/bash
# expect: partial
# The Secret written with `echo | base64`, which encodes a trailing newline: the token is "s3cr3t\n".
kubectl create ns apps
kubectl apply -f - <<EOF
apiVersion: v1
kind: Secret
metadata: {name: greeter-secret, namespace: apps}
data:
  token: $(echo s3cr3t | base64)
---
apiVersion: v1
kind: Pod
metadata: {name: greeter, namespace: apps}
spec:
  containers:
  - name: greeter
    image: busybox:1.36
    command: [sh, -c]
    args: ['echo "\$GREETING from \$POD_NAME"; sleep 3600']
    env:
    - {name: GREETING, value: Hello}
    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: API_TOKEN, valueFrom: {secretKeyRef: {name: greeter-secret, key: token}}}
EOF
