#!/bin/bash
# expect: partial
# Pinned with nodeName instead of selecting the node by its label.
kubectl taint nodes node01 accelerator=gpu:NoSchedule
kubectl label nodes node01 accelerator=gpu
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: trainer, namespace: ml}
spec:
  nodeName: node01
  tolerations:
  - {key: accelerator, operator: Equal, value: gpu, effect: NoSchedule}
  containers:
  - {name: trainer, image: "busybox:1.36", command: [sleep, "3600"]}
EOF
