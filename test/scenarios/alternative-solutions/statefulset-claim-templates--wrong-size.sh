#!/bin/bash
# expect: partial
# Claims of 1G (decimal) instead of 1Gi.
kubectl create namespace queue
kubectl -n queue create service clusterip broker --clusterip=None --tcp=6379:6379
kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: broker, namespace: queue}
spec:
  replicas: 3
  serviceName: broker
  selector: {matchLabels: {app: broker}}
  template:
    metadata: {labels: {app: broker}}
    spec:
      containers:
      - {name: redis, image: "redis:7.2", volumeMounts: [{name: data, mountPath: /data}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {storageClassName: local-path, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1G}}}
EOF
