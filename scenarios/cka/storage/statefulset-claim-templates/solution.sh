#!/bin/bash
kubectl create namespace queue
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: broker
  namespace: queue
spec:
  clusterIP: None
  selector:
    app: broker
  ports:
  - port: 6379
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: broker
  namespace: queue
spec:
  serviceName: broker
  replicas: 3
  selector:
    matchLabels:
      app: broker
  template:
    metadata:
      labels:
        app: broker
    spec:
      containers:
      - name: redis
        image: redis:7.2
        volumeMounts:
        - name: data
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      storageClassName: local-path
      resources:
        requests:
          storage: 1Gi
EOF
sleep 30
kubectl -n queue get statefulset broker
