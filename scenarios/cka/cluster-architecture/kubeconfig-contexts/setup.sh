#!/bin/bash
cat > /root/team.kubeconfig <<'EOF'
apiVersion: v1
kind: Config
clusters:
- cluster:
    server: https://10.0.10.5:6443
    insecure-skip-tls-verify: true
  name: production
- cluster:
    server: https://10.0.20.5:6443
    insecure-skip-tls-verify: true
  name: staging
users:
- name: prod-viewer
  user:
    token: placeholder-prod
- name: staging-admin
  user:
    token: placeholder-staging
contexts:
- context:
    cluster: production
    user: prod-viewer
  name: prod
- context:
    cluster: staging
    user: staging-admin
  name: staging-default
current-context: prod
EOF
