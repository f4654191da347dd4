#!/bin/bash
cp /etc/kubernetes/manifests/kube-scheduler.yaml /root/batch-scheduler.yaml
sed -i 's/^  name: kube-scheduler$/  name: batch-scheduler/' /root/batch-scheduler.yaml
sed -i '/- --kubeconfig=/d; /- --leader-elect=/d; /- --authentication-kubeconfig=/d; /- --authorization-kubeconfig=/d' /root/batch-scheduler.yaml
sed -i 's|    - kube-scheduler$|    - kube-scheduler\n    - --config=/etc/kubernetes/batch-scheduler-config.yaml|' /root/batch-scheduler.yaml
sed -i 's/--secure-port=10259/--secure-port=10282/; s/port: 10259/port: 10282/' /root/batch-scheduler.yaml
cp /root/batch-scheduler.yaml /etc/kubernetes/manifests/batch-scheduler.yaml
sleep 20
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
kubectl -n batch wait --for=condition=Ready pod/nightly --timeout=90s
