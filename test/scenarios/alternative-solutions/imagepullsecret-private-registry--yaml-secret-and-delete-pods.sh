#!/bin/bash
# expect: full
# The Secret written as YAML from a base64 docker config, the ServiceAccount edited with
# `kubectl patch --type=json`, and the pods deleted so the ReplicaSet recreates them.
auth=$(echo -n 'dock_user:dock_password' | base64)
config=$(printf '{"auths":{"private-registry.io":{"username":"dock_user","password":"dock_password","email":"dock_user@private-registry.io","auth":"%s"}}}' "$auth" | base64 -w0)
kubectl apply -f - <<EOF2
apiVersion: v1
kind: Secret
metadata: {name: corp-registry, namespace: private}
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: $config
EOF2
kubectl -n private patch serviceaccount default --type=json -p '[{"op":"add","path":"/imagePullSecrets","value":[{"name":"corp-registry"}]}]'
kubectl -n private delete pods -l app=billing-api
sleep 30
