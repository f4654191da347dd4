#!/bin/bash
# expect: full
# Recreated from scratch with the size written as 2048Mi (the same amount as 2Gi).
kubectl -n media delete pvc shared-media --wait=false
kubectl -n media patch pvc shared-media -p '{"metadata":{"finalizers":null}}' 2>/dev/null || true
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: shared-media, namespace: media}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: media
  resources: {requests: {storage: 2048Mi}}
EOF2
