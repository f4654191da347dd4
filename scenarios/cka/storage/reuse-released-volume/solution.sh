#!/bin/bash
kubectl get pv archive-pv
kubectl patch pv archive-pv --type=json -p='[{"op":"remove","path":"/spec/claimRef"}]'
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: archive
  namespace: archive
spec:
  accessModes: ["ReadWriteOnce"]
  storageClassName: manual
  volumeName: archive-pv
  resources:
    requests:
      storage: 2Gi
EOF
sleep 5
kubectl -n archive get pvc archive
