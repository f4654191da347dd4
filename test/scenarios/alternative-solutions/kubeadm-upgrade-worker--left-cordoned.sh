#!/bin/bash
# expect: partial
# Upgrades everything but forgets to uncordon: the node stays SchedulingDisabled.
kubectl drain node01 --ignore-daemonsets
ssh node01
sed -i 's#/v1.32/#/v1.33/#' /etc/apt/sources.list.d/kubernetes.list
apt-mark unhold kubeadm kubelet kubectl
apt-get update
apt-get install -y kubeadm=1.33.2-1.1
kubeadm upgrade node
apt-get install -y kubelet=1.33.2-1.1 kubectl=1.33.2-1.1
systemctl daemon-reload
systemctl restart kubelet
exit
