#!/bin/bash
# expect: full
# Flags in `args` rather than `command`, and --config with its value as a separate argument.
cat > /etc/kubernetes/manifests/batch-scheduler.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: batch-scheduler
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-scheduler
    image: registry.k8s.io/kube-scheduler:v1.33.2
    command: [kube-scheduler]
    args:
    - --config
    - /etc/kubernetes/batch-scheduler-config.yaml
    - --secure-port=10282
    volumeMounts:
    - {name: kubeconfig, mountPath: /etc/kubernetes/scheduler.conf, readOnly: true}
    - {name: config, mountPath: /etc/kubernetes/batch-scheduler-config.yaml, readOnly: true}
  volumes:
  - {name: kubeconfig, hostPath: {path: /etc/kubernetes/scheduler.conf, type: FileOrCreate}}
  - {name: config, hostPath: {path: /etc/kubernetes/batch-scheduler-config.yaml, type: FileOrCreate}}
EOF
sleep 30
kubectl create ns batch --dry-run=client -o yaml | kubectl apply -f -
kubectl -n batch run nightly --image=busybox:1.36 --overrides='{"apiVersion":"v1","spec":{"schedulerName":"batch-scheduler"}}' --command -- sleep 3600
