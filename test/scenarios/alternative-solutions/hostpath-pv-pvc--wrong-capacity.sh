#!/bin/bash
# expect: partial
# 1G is not 1Gi (10^9 bytes, not 2^30): the capacity check must not accept it.
kubectl create ns reports
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolume
metadata: {name: reports-pv}
spec:
  storageClassName: manual
  persistentVolumeReclaimPolicy: Retain
  capacity: {storage: 1G}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /srv/reports}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: reports-pvc, namespace: reports}
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 500Mi}}
---
apiVersion: v1
kind: Pod
metadata: {name: reporter, namespace: reports}
spec:
  containers:
  - {name: web, image: "nginx:1.27", volumeMounts: [{name: d, mountPath: /usr/share/nginx/html}]}
  volumes:
  - {name: d, persistentVolumeClaim: {claimName: reports-pvc}}
EOF
