#!/bin/bash
# expect: full
# The request as 0.2 CPU by patch and the HPA written as an autoscaling/v2 manifest.
kubectl -n shop-api patch deployment cart -p '{"spec":{"template":{"spec":{"containers":[{"name":"cart","resources":{"requests":{"cpu":"0.2"}}}]}}}}'
kubectl apply -f - <<'EOF'
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: cart
  namespace: shop-api
spec:
  maxReplicas: 8
  minReplicas: 2
  scaleTargetRef:
    kind: Deployment
    name: cart
    apiVersion: apps/v1
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        averageUtilization: 60
        type: Utilization
EOF
