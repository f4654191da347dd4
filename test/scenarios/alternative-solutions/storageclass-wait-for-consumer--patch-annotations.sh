#!/bin/bash
# expect: full
# The old default switched off by a merge patch, the new class created imperatively from a file
# and marked default with `kubectl annotate`, the claim and pod in separate files.
kubectl patch storageclass standard -p '{"metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"false"}}}'
cat > /root/sc.yaml <<'EOF'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-ssd
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
provisioner: kubernetes.io/no-provisioner
EOF
kubectl create -f /root/sc.yaml
kubectl annotate sc local-ssd storageclass.kubernetes.io/is-default-class=true
cat > /root/claim.yaml <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: cache-claim, namespace: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 2048Mi}}
EOF
kubectl create -f /root/claim.yaml
kubectl -n data run cache --image=redis:7.2 --dry-run=client -o yaml > /root/cache.yaml
cat >> /root/cache.yaml <<'EOF'
EOF
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: cache, namespace: data}
spec:
  containers:
  - name: cache
    image: redis:7.2
    volumeMounts: [{name: data, mountPath: /data}]
  volumes:
  - {name: data, persistentVolumeClaim: {claimName: cache-claim}}
EOF
