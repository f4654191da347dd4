#!/bin/bash
# expect: full
# Restored with the older `etcdctl snapshot restore`, and the manifest changed everywhere the data
# directory appears (flag, mount and hostPath), the path written quoted.
ETCDCTL_API=3 etcdctl snapshot restore /opt/backup/before-incident.db --data-dir /var/lib/etcd-restored
sed -i -e 's#--data-dir=/var/lib/etcd$#--data-dir=/var/lib/etcd-restored#' \
  -e 's#mountPath: /var/lib/etcd$#mountPath: /var/lib/etcd-restored#' \
  -e 's#    path: /var/lib/etcd$#    path: "/var/lib/etcd-restored"#' /etc/kubernetes/manifests/etcd.yaml
grep -n etcd-restored /etc/kubernetes/manifests/etcd.yaml
sleep 60
kubectl get ns finance
