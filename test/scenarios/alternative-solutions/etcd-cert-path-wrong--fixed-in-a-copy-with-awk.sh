#!/bin/bash
# expect: full
# Edits a copy outside the manifests directory (the kubelet would run a stray copy left in it) and
# moves the fixed file back, then waits for the API server instead of sleeping a fixed time.
cp /etc/kubernetes/manifests/etcd.yaml /root/etcd.yaml.orig
grep -- '--cert-file' /root/etcd.yaml.orig
awk '{ sub(/pki\/etcd\/etcd-server\.crt/, "pki/etcd/server.crt") } 1' /root/etcd.yaml.orig > /root/etcd.yaml
mv /root/etcd.yaml /etc/kubernetes/manifests/etcd.yaml
for i in $(seq 1 30); do kubectl get --raw /readyz 2>/dev/null && break; sleep 5; done
kubectl -n kube-system get pod etcd-controlplane
