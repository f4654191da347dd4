#!/bin/bash
cat >> /root/reader-pod.yaml <<'YAML'
    envFrom:
    - configMapRef:
        name: app-config
YAML
kubectl apply -f /root/reader-pod.yaml
sleep 20
kubectl -n web get pod reader
