#!/bin/bash
# expect: full
# Builds the ConfigMap from an env file through apply, and writes the whole pod manifest again
# with envFrom (keeping its image and command) instead of appending to the given one.
printf 'MODE=production\nLOG_LEVEL=info\n' > /root/app.env
kubectl -n web create configmap app-config --from-env-file=/root/app.env --dry-run=client -o yaml | kubectl apply -f -
image=$(grep 'image:' /root/reader-pod.yaml | awk '{print $NF}')
command=$(grep 'command:' /root/reader-pod.yaml)
cat > /root/reader-pod.yaml <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: reader
  namespace: web
spec:
  containers:
  - name: reader
    image: ${image}
${command}
    envFrom:
    - configMapRef:
        name: app-config
YAML
kubectl create -f /root/reader-pod.yaml
kubectl -n web wait --for=condition=Ready pod/reader --timeout=60s
kubectl -n web exec reader -- env | grep -E 'MODE|LOG_LEVEL'
