#!/bin/bash
# expect: full
# Everything declarative in one file; the pod first made with kubectl run and its
# serviceAccountName written into the manifest before creating it.
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: ServiceAccount
metadata: {name: deployer, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deploy-manager, namespace: ci}
rules:
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["patch", "update", "create", "list", "get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: deployer-deploy-manager, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deploy-manager}
subjects:
- {kind: ServiceAccount, name: deployer, namespace: ci}
EOF
kubectl -n ci run runner --image=busybox:1.36 --dry-run=client -o yaml --command -- sleep 3600 > /root/runner.yaml
sed -i 's/^spec:$/spec:\n  serviceAccountName: deployer/' /root/runner.yaml
kubectl create -f /root/runner.yaml
