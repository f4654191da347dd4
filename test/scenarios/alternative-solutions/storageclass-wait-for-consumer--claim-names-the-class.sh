#!/bin/bash
# expect: partial
# Everything binds, but the claim names local-ssd itself: the task asked to rely on the default class.
kubectl annotate storageclass standard storageclass.kubernetes.io/is-default-class=false --overwrite
kubectl apply -f - <<'EOF2'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-ssd
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
reclaimPolicy: Delete
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: cache-claim, namespace: data}
spec:
  storageClassName: local-ssd
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 2Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: cache, namespace: data}
spec:
  volumes: [{name: data, persistentVolumeClaim: {claimName: cache-claim}}]
  containers: [{name: redis, image: redis:7.2, volumeMounts: [{name: data, mountPath: /data}]}]
EOF2
sleep 20
