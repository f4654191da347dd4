#!/bin/bash
# expect: partial
# The claim binds, but it was recreated for 1Gi instead of its 2Gi.
kubectl -n media delete pvc shared-media
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: shared-media, namespace: media}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: media
  resources: {requests: {storage: 1Gi}}
EOF2
