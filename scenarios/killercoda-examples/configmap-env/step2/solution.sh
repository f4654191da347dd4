#!/bin/bash
cat >> /root/reader-pod.yaml <<'YAML'
    envFrom:
    - configMapRef:
        name: app-config
YAML
kubectl apply -f /root/reader-pod.yaml
kubectl -n web wait --for=condition=Ready pod/reader --timeout=60s
