#!/bin/bash
set -e
kubectl create namespace cms
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: cms-uploads
spec:
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  storageClassName: manual
  hostPath:
    path: /srv/cms-uploads
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: uploads
  namespace: cms
spec:
  accessModes: ["ReadWriteOnce"]
  storageClassName: manual
  resources:
    requests:
      storage: 1Gi
EOF
kubectl -n cms create deployment cms --image=httpd:2.4
kubectl -n cms patch deployment cms --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/name","value":"cms"}]'
