#!/bin/bash
# expect: full
# Runs each step on node01 as its own `ssh node01 CMD`, installs over the holds with
# --allow-change-held-packages and version globs, and waits for the node instead of looking.
kubectl drain node01 --ignore-daemonsets --delete-emptydir-data
ssh node01 "sed -i 's|v1.32|v1.33|' /etc/apt/sources.list.d/kubernetes.list && apt-get update -q"
ssh node01 "apt-cache madison kubeadm | head -3"
ssh node01 "apt-get install -y --allow-change-held-packages kubeadm='1.33.2-*'"
ssh node01 "kubeadm version -o short && kubeadm upgrade node"
ssh node01 "apt-get install -y --allow-change-held-packages kubelet='1.33.2-*' kubectl='1.33.2-*'"
ssh node01 "systemctl daemon-reload && systemctl restart kubelet"
kubectl uncordon node01
kubectl wait --for=condition=Ready node/node01 --timeout=120s
kubectl get node node01
