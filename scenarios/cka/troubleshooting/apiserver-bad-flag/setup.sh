#!/bin/bash
sed -i 's|--etcd-servers=https://127.0.0.1:2379|--etcd-servers=https://127.0.0.1:2380|' /etc/kubernetes/manifests/kube-apiserver.yaml
