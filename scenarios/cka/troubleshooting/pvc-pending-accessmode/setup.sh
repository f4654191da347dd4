#!/bin/bash
set -e
kubectl create namespace media
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: media-pv
spec:
  capacity:
    storage: 2Gi
  accessModes: ["ReadWriteOnce"]
  storageClassName: media
  hostPath:
    path: /srv/media
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: shared-media
  namespace: media
spec:
  accessModes: ["ReadWriteMany"]
  storageClassName: media
  resources:
    requests:
      storage: 2Gi
EOF
