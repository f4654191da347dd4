#!/bin/bash
# expect: full
# claimRef cleared with a merge patch (null), the claim binding through the PV's label instead of volumeName.
kubectl patch pv archive-pv -p '{"spec":{"claimRef":null}}'
kubectl label pv archive-pv purpose=archive
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: archive
  namespace: archive
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  selector:
    matchLabels: {purpose: archive}
  resources:
    requests: {storage: 2Gi}
EOF
