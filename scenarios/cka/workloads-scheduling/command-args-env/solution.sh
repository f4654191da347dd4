#!/bin/bash
kubectl create namespace apps
kubectl -n apps create secret generic greeter-secret --from-literal=token=s3cr3t
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: greeter
  namespace: apps
spec:
  containers:
  - name: greeter
    image: busybox:1.36
    command: ["sh", "-c"]
    args: ['echo "$GREETING from $POD_NAME"; sleep 3600']
    env:
    - name: GREETING
      value: Hello
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: API_TOKEN
      valueFrom:
        secretKeyRef:
          name: greeter-secret
          key: token
EOF
sleep 20
kubectl -n apps get pod greeter
