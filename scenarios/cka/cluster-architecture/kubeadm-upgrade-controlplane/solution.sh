#!/bin/bash
# The package repository serves one minor: point it at v1.33 first.
cat /etc/apt/sources.list.d/kubernetes.list
sed -i 's#/v1.32/#/v1.33/#' /etc/apt/sources.list.d/kubernetes.list
apt-mark unhold kubeadm
apt-get update
apt-cache madison kubeadm
apt-get install -y kubeadm=1.33.2-1.1
apt-mark hold kubeadm
kubeadm version -o short
kubeadm upgrade plan
kubeadm upgrade apply v1.33.2 -y
kubectl drain controlplane --ignore-daemonsets
apt-mark unhold kubelet kubectl
apt-get install -y kubelet=1.33.2-1.1 kubectl=1.33.2-1.1
apt-mark hold kubelet kubectl
systemctl daemon-reload
systemctl restart kubelet
kubectl uncordon controlplane
kubectl get nodes
