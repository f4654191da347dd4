#!/bin/bash
# expect: full
# A TCP readiness probe on port 80 instead of an HTTP one: still a readiness probe that passes.
kubectl -n public get pod status-page -o json > /root/sp.json
kubectl -n public delete pod status-page
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: status-page
  namespace: public
  labels: {app: status-page}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    readinessProbe:
      tcpSocket: {port: 80}
      periodSeconds: 5
EOF
