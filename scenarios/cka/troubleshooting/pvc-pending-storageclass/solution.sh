#!/bin/bash
kubectl -n inventory describe pvc db-data | tail -3
kubectl get pv inventory-db-pv -o jsonpath='{.spec.storageClassName}'; echo
kubectl -n inventory get pvc db-data -o yaml > /root/db-data.yaml
sed -i 's/storageClassName: local-disks/storageClassName: local-disk/' /root/db-data.yaml
kubectl -n inventory delete pod db --now
kubectl replace --force -f /root/db-data.yaml
kubectl -n inventory apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: db
  namespace: inventory
spec:
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: db-data
  containers:
  - name: redis
    image: redis:7.2
    volumeMounts:
    - name: data
      mountPath: /data
EOF
sleep 20
kubectl -n inventory get pod db
