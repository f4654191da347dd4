#!/bin/bash
# expect: partial
# The PersistentVolume deleted and recreated: the task forbids it.
kubectl get pv archive-pv -o yaml > /root/pv.yaml
sed -i '/claimRef:/,/uid:/d' /root/pv.yaml
kubectl replace --force -f /root/pv.yaml
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: archive, namespace: archive}
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  volumeName: archive-pv
  resources: {requests: {storage: 2Gi}}
EOF
