#!/bin/bash
# expect: full
# The upgrade docs' own forms: version globs, installing over the holds with
# --allow-change-held-packages, `kubeadm upgrade apply --yes`; waits for the node instead of looking.
sed -i 's|core:/stable:/v1.32/|core:/stable:/v1.33/|' /etc/apt/sources.list.d/kubernetes.list
apt-get update
apt-get install -y --allow-change-held-packages kubeadm='1.33.2-*'
kubeadm upgrade plan | grep -i 'kubeadm upgrade apply'
kubeadm upgrade apply v1.33.2 --yes
kubectl drain controlplane --ignore-daemonsets --delete-emptydir-data
apt-get install -y --allow-change-held-packages kubelet='1.33.2-*' kubectl='1.33.2-*'
systemctl daemon-reload && systemctl restart kubelet
kubectl uncordon controlplane
kubectl wait --for=condition=Ready node/controlplane --timeout=120s
kubectl get nodes
