#!/bin/bash
# expect: full
# The Binding written as JSON without a namespace, created with -n.
cat > /root/binding.json <<'EOF'
{"apiVersion":"v1","kind":"Binding","metadata":{"name":"batch-probe"},"target":{"apiVersion":"v1","kind":"Node","name":"node02"}}
EOF
kubectl -n sched create -f /root/binding.json
