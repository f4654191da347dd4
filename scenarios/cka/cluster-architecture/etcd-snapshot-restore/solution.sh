#!/bin/bash
etcdutl snapshot restore /opt/backup/before-incident.db --data-dir=/var/lib/etcd-restored
sed -i 's|path: /var/lib/etcd$|path: /var/lib/etcd-restored|' /etc/kubernetes/manifests/etcd.yaml
sleep 60
kubectl get namespace finance
kubectl -n finance get deployment ledger
