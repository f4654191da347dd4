#!/bin/bash
# expect: full
# Global flags before the command, an endpoint without a scheme, the revision read from the table.
cd /etc/kubernetes/pki/etcd
etcdctl --endpoints 127.0.0.1:2379 --cacert ca.crt --cert server.crt --key server.key snapshot save /opt/backup/etcd-snapshot.db
etcdutl snapshot status /opt/backup/etcd-snapshot.db -w table | awk -F'|' 'NR == 4 {print $3}' | tr -d ' ' > /opt/backup/revision.txt
