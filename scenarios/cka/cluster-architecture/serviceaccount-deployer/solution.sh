#!/bin/bash
kubectl -n ci create serviceaccount deployer
kubectl -n ci create role deploy-manager --verb=get,list,create,update,patch --resource=deployments.apps
kubectl -n ci create rolebinding deployer-deploy-manager --role=deploy-manager --serviceaccount=ci:deployer
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: runner
  namespace: ci
spec:
  serviceAccountName: deployer
  containers:
  - name: runner
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
sleep 20
kubectl -n ci get pod runner
