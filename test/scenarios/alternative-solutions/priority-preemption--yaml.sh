#!/bin/bash
# expect: full
# The PriorityClass as YAML with globalDefault spelled out, the Deployment edited with a JSON
# patch, the highest class found by sorting the custom-columns output.
kubectl apply -f - <<'EOF'
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: business-critical
value: 1000000
globalDefault: false
description: "Revenue-critical workloads"
preemptionPolicy: PreemptLowerPriority
EOF
kubectl -n ops patch deploy billing --type=json -p='[{"op":"add","path":"/spec/template/spec/priorityClassName","value":"business-critical"}]'
kubectl get pc -o custom-columns=NAME:.metadata.name,VALUE:.value --no-headers | sort -k2 -n | tail -1 | awk '{print $1}' > /opt/highest-priority.txt
