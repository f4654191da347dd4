#!/bin/bash
# expect: partial
# Upgrades kubeadm and the control-plane components but never the kubelet: the node still
# reports v1.32.6.
sed -i 's#/v1.32/#/v1.33/#' /etc/apt/sources.list.d/kubernetes.list
apt-mark unhold kubeadm
apt-get update
apt-get install -y kubeadm=1.33.2-1.1
kubeadm upgrade apply v1.33.2 -y
