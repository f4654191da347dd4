#!/bin/bash
set -e
for pv in orders-db-pv audit-pv scratch-pv; do
kubectl apply -f - <<EOF
apiVersion: v1
kind: PersistentVolume
metadata:
  name: $pv
spec:
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  persistentVolumeReclaimPolicy: Delete
  storageClassName: manual
  hostPath:
    path: /srv/$pv
EOF
done
kubectl patch pv audit-pv -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'
