#!/bin/bash
kubectl label nodes node02 disktype=ssd
kubectl create namespace catalog
kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: search
  namespace: catalog
spec:
  replicas: 2
  selector:
    matchLabels:
      app: search
  template:
    metadata:
      labels:
        app: search
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: disktype
                operator: In
                values: ["ssd"]
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 50
            preference:
              matchExpressions:
              - key: zone
                operator: In
                values: ["eu-west-1a"]
      containers:
      - name: nginx
        image: nginx:1.27
EOF
sleep 30
kubectl -n catalog get deployment search
