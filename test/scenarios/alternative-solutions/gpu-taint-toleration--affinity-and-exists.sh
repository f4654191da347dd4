#!/bin/bash
# expect: full
# The node taken through required node affinity instead of a nodeSelector, the toleration with
# `operator: Exists`, the taint and label in one kubectl call each with the node given as node/NAME.
kubectl taint node node01 accelerator=gpu:NoSchedule
kubectl label node/node01 accelerator=gpu
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: trainer
  namespace: ml
  labels: {team: ml}
spec:
  containers:
  - name: trainer
    image: busybox:1.36
    args: ["sleep", "3600"]
  tolerations:
  - key: accelerator
    operator: Exists
    effect: NoSchedule
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: accelerator, operator: In, values: [gpu]}
EOF
