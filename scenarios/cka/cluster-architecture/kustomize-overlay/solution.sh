#!/bin/bash
mkdir -p /root/app/overlays/prod
cat > /root/app/overlays/prod/kustomization.yaml <<'EOF'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- ../../base
namespace: prod
namePrefix: prod-
labels:
- pairs:
    env: prod
  includeSelectors: false
replicas:
- name: api
  count: 3
images:
- name: nginx
  newTag: 1.27.5
EOF
kubectl create namespace prod
kubectl kustomize /root/app/overlays/prod
kubectl apply -k /root/app/overlays/prod
