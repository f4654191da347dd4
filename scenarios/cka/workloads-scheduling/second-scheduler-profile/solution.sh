#!/bin/bash
cat /etc/kubernetes/batch-scheduler-config.yaml
cat > /etc/kubernetes/manifests/batch-scheduler.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: batch-scheduler
  namespace: kube-system
  labels:
    component: batch-scheduler
    tier: control-plane
spec:
  hostNetwork: true
  priorityClassName: system-node-critical
  containers:
  - name: batch-scheduler
    image: registry.k8s.io/kube-scheduler:v1.33.2
    command:
    - kube-scheduler
    - --config=/etc/kubernetes/batch-scheduler-config.yaml
    - --secure-port=10282
    volumeMounts:
    - name: kubeconfig
      mountPath: /etc/kubernetes/scheduler.conf
      readOnly: true
    - name: config
      mountPath: /etc/kubernetes/batch-scheduler-config.yaml
      readOnly: true
  volumes:
  - name: kubeconfig
    hostPath:
      path: /etc/kubernetes/scheduler.conf
      type: FileOrCreate
  - name: config
    hostPath:
      path: /etc/kubernetes/batch-scheduler-config.yaml
      type: FileOrCreate
EOF
sleep 30
kubectl -n kube-system get pod batch-scheduler-controlplane
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: nightly
  namespace: batch
spec:
  schedulerName: batch-scheduler
  containers:
  - name: nightly
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
sleep 20
kubectl -n batch get pod nightly -o wide
