#!/bin/bash
# expect: full
# The pod rewritten as YAML with the loop in args, the error line saved from the previous logs with grep.
kubectl -n analytics logs reporter --previous | grep 'not found' > /opt/reporter-error.txt
kubectl -n analytics delete pod reporter
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: reporter, namespace: analytics, labels: {run: reporter}}
spec:
  containers:
  - name: reporter
    image: busybox:1.36
    command: ["/bin/sh", "-c"]
    args: ["while true; do date; sleep 10; done"]
EOF
