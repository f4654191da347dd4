#!/bin/bash
ETCDCTL_API=3 etcdctl snapshot save /opt/backup/etcd-snapshot.db --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key
etcdutl snapshot status /opt/backup/etcd-snapshot.db -w table
etcdutl snapshot status /opt/backup/etcd-snapshot.db -w json | jq -r .revision > /opt/backup/revision.txt
