#!/bin/bash
set -e
kubectl create namespace inventory
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: inventory-db-pv
spec:
  capacity:
    storage: 5Gi
  accessModes: ["ReadWriteOnce"]
  storageClassName: local-disk
  hostPath:
    path: /srv/inventory-db
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: db-data
  namespace: inventory
spec:
  accessModes: ["ReadWriteOnce"]
  storageClassName: local-disks
  resources:
    requests:
      storage: 5Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
  namespace: inventory
spec:
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: db-data
  containers:
  - name: redis
    image: redis:7.2
    volumeMounts:
    - name: data
      mountPath: /data
EOF
