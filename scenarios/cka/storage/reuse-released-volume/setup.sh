#!/bin/bash
set -e
kubectl create namespace archive
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: archive-pv
spec:
  capacity:
    storage: 2Gi
  accessModes: ["ReadWriteOnce"]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: manual
  hostPath:
    path: /srv/archive
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: old-archive
  namespace: archive
spec:
  accessModes: ["ReadWriteOnce"]
  storageClassName: manual
  resources:
    requests:
      storage: 2Gi
EOF
sleep 5
kubectl -n archive delete pvc old-archive
