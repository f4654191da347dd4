#!/bin/bash
# expect: full
# Both Services as YAML, the headless one with a named port and an extra label.
kubectl create namespace integration --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata: {name: payments-gateway, namespace: integration}
spec:
  type: ExternalName
  externalName: api.payments.example.com
---
apiVersion: v1
kind: Service
metadata:
  name: ledger
  namespace: integration
  labels: {app: ledger}
spec:
  clusterIP: None
  selector: {app: ledger}
  ports:
  - {name: postgres, port: 5432, targetPort: 5432}
EOF
