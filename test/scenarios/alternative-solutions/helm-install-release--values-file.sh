#!/bin/bash
# expect: full
# Values in a file instead of --set, the namespace created by Helm, the version read from
# `helm list` with awk.
cat > /root/edge-values.yaml <<'EOF'
replicaCount: 2
service:
  type: ClusterIP
EOF
helm install edge bitnami/nginx --namespace edge --create-namespace -f /root/edge-values.yaml
helm list -n edge -o json | jq -r '.[0].chart' | sed 's/^nginx-//' > /opt/edge-chart-version.txt
