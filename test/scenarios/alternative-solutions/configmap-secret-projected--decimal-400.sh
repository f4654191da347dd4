#!/bin/bash
# expect: partial
# mode: 400 written in JSON is decimal 400 (octal 0620), not 0400.
kubectl apply -f - <<'EOF'
{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "portal", "namespace": "portal"},
 "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27", "volumeMounts": [{"name": "config", "mountPath": "/etc/portal", "readOnly": true}]}],
  "volumes": [{"name": "config", "projected": {"sources": [
    {"configMap": {"name": "portal-config", "items": [{"key": "portal.conf", "path": "portal.conf"}]}},
    {"secret": {"name": "portal-tls", "items": [{"key": "tls.key", "path": "tls.key", "mode": 400}]}}]}}]}}
EOF
