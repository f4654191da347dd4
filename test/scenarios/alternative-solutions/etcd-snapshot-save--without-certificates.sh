#!/bin/bash
# expect: partial
# No client certificate: etcd refuses the connection and no snapshot is written.
mkdir -p /opt/backup
ETCDCTL_API=3 etcdctl snapshot save /opt/backup/etcd-snapshot.db --endpoints=https://127.0.0.1:2379 --command-timeout=5s
echo 0 > /opt/backup/revision.txt
