#!/bin/bash
set -e
kubectl create namespace finance
kubectl -n finance create deployment ledger --image=redis:7.2
mkdir -p /opt/backup
ETCDCTL_API=3 etcdctl snapshot save /opt/backup/before-incident.db --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key
kubectl delete namespace finance --wait=false
