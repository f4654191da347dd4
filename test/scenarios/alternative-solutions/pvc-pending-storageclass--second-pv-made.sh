#!/bin/bash
# expect: partial
# A new PersistentVolume in the claim's misspelt class: the pod runs, but on the wrong volume.
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolume
metadata:
  name: inventory-db-pv-2
spec:
  capacity:
    storage: 5Gi
  accessModes: ["ReadWriteOnce"]
  storageClassName: local-disks
  hostPath:
    path: /srv/inventory-db-2
YAML
kubectl -n inventory wait --for=condition=Ready pod/db --timeout=60s
