#!/bin/bash
kubectl annotate storageclass standard storageclass.kubernetes.io/is-default-class=false --overwrite
kubectl apply -f - <<'EOF'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-ssd
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
reclaimPolicy: Delete
EOF
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: cache-claim
  namespace: data
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 2Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: cache
  namespace: data
spec:
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: cache-claim
  containers:
  - name: redis
    image: redis:7.2
    volumeMounts:
    - name: data
      mountPath: /data
EOF
sleep 20
kubectl -n data get pod cache
