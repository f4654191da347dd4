#!/bin/bash
# expect: full
# Replicas set through a strategic-merge patch file and the label through commonLabels; the
# namespace created with --dry-run | apply; `kubectl kustomize | kubectl apply -f -`.
mkdir -p /root/app/overlays/prod
cat > /root/app/overlays/prod/replicas.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
EOF
cat > /root/app/overlays/prod/kustomization.yaml <<'EOF'
resources:
- ../../base
namespace: prod
namePrefix: prod-
commonLabels:
  env: prod
images:
- name: nginx
  newTag: "1.27.5"
patches:
- path: replicas.yaml
EOF
kubectl create ns prod --dry-run=client -o yaml | kubectl apply -f -
kubectl kustomize /root/app/overlays/prod | kubectl apply -f -
