#!/bin/bash
# expect: partial
# The port fixed but the address changed to localhost: kubectl works, yet another setting changed.
sed -i 's|--etcd-servers=https://127.0.0.1:2380|--etcd-servers=https://localhost:2379|' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 60
kubectl get --raw /readyz
