#!/bin/bash
# expect: full
# The headless Service made with `kubectl create service clusterip --clusterip=None`, the
# StatefulSet with the claim size as 1024Mi and an extra pod label.
kubectl create namespace queue
kubectl -n queue create service clusterip broker --clusterip=None --tcp=6379:6379
kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: broker, namespace: queue}
spec:
  replicas: 3
  serviceName: broker
  selector:
    matchLabels: {app: broker}
  template:
    metadata:
      labels: {app: broker, tier: queue}
    spec:
      containers:
      - name: broker
        image: redis:7.2
        ports: [{containerPort: 6379, name: redis}]
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      storageClassName: local-path
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1024Mi}}
EOF
