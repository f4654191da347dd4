#!/bin/bash
# Imported from the Killercoda scenario "Feed a pod its settings from a ConfigMap": assets, then background scripts in order.
mkdir -p /root
cat > /root/reader-pod.yaml <<'KUBECOACH_ASSET'
apiVersion: v1
kind: Pod
metadata:
  name: reader
  namespace: web
spec:
  containers:
  - name: reader
    image: busybox:1.36
    command: ["sh", "-c", "env | sort; sleep 3600"]
KUBECOACH_ASSET
chmod 644 /root/reader-pod.yaml
# background script of the intro
kubectl create namespace web
touch /tmp/lab-ready
