#!/bin/bash
kubectl taint nodes node01 accelerator=gpu:NoSchedule
kubectl label nodes node01 accelerator=gpu
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: trainer
  namespace: ml
spec:
  nodeSelector:
    accelerator: gpu
  tolerations:
  - key: accelerator
    operator: Equal
    value: gpu
    effect: NoSchedule
  containers:
  - name: trainer
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
sleep 20
kubectl -n ml get pod trainer
