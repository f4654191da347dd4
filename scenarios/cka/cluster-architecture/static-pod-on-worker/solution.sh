#!/bin/bash
ssh node01
grep staticPodPath /var/lib/kubelet/config.yaml
cat > /etc/kubernetes/manifests/node-probe.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: node-probe
  namespace: default
spec:
  containers:
  - name: node-probe
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
exit
sleep 20
kubectl get pod node-probe-node01 -o wide
