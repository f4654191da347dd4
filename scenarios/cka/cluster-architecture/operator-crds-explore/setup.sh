#!/bin/bash
set -e
for kind in Cluster:clusters Backup:backups Pooler:poolers; do
k=${kind%%:*}; p=${kind##*:}
kubectl apply -f - <<EOF
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: $p.db.example.com
spec:
  group: db.example.com
  scope: Namespaced
  names: {plural: $p, singular: $(echo $k | tr A-Z a-z), kind: $k}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
EOF
done
sleep 2
kubectl create namespace team-a
kubectl create namespace team-b
for target in team-a/orders team-a/users team-b/events; do
kubectl apply -f - <<EOF
apiVersion: db.example.com/v1
kind: Cluster
metadata:
  name: ${target##*/}
  namespace: ${target%%/*}
spec:
  instances: 3
EOF
done
