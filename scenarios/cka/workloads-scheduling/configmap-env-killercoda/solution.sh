#!/bin/bash
# step 1: Create the ConfigMap
kubectl -n web create configmap app-config --from-literal=MODE=production --from-literal=LOG_LEVEL=info
# step 2: Start the pod with the ConfigMap as its environment
cat >> /root/reader-pod.yaml <<'YAML'
    envFrom:
    - configMapRef:
        name: app-config
YAML
kubectl apply -f /root/reader-pod.yaml
sleep 20
kubectl -n web get pod reader
