#!/bin/bash
# expect: full
# A Service written by hand: a named port, an extra harmless label, the selector in a
# matchLabels-like map with the pods' own label.
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: inventory-svc
  namespace: warehouse
  labels:
    app: inventory
    tier: backend
spec:
  ports:
  - name: http
    protocol: TCP
    targetPort: 80
    port: 8080
  selector:
    app: inventory
EOF
