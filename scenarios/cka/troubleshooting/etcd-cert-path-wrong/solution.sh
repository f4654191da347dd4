#!/bin/bash
crictl ps -a | grep etcd
crictl logs $(crictl ps -a --name etcd -q | head -1) 2>&1 | tail -3
ls /etc/kubernetes/pki/etcd
sed -i 's|--cert-file=/etc/kubernetes/pki/etcd/etcd-server.crt|--cert-file=/etc/kubernetes/pki/etcd/server.crt|' /etc/kubernetes/manifests/etcd.yaml
sleep 60
kubectl get --raw /readyz
