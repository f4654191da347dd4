#!/bin/bash
# expect: partial
# The preference has the right weight but names the other zone (eu-west-1b).
kubectl label node node02 disktype=ssd --overwrite
kubectl create ns catalog
kubectl apply -f - <<'EOF2'
apiVersion: apps/v1
kind: Deployment
metadata: {name: search, namespace: catalog}
spec:
  replicas: 2
  selector: {matchLabels: {app: search}}
  template:
    metadata: {labels: {app: search}}
    spec:
      containers: [{name: nginx, image: nginx:1.27}]
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions: [{key: disktype, operator: In, values: [ssd]}]
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 50
            preference:
              matchExpressions: [{key: zone, operator: In, values: [eu-west-1b]}]
EOF2
kubectl -n catalog rollout status deployment search --timeout=120s
