#!/bin/bash
# expect: full
# The mode set once for the volume (defaultMode 256, i.e. 0400, written in JSON), whole sources
# projected without items lists, the pod sent as JSON.
kubectl -n portal get secret portal-tls -o jsonpath='{.data}'
kubectl create -f - <<'EOF'
{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "portal", "namespace": "portal"},
  "spec": {
    "containers": [{
      "name": "web",
      "image": "nginx:1.27",
      "volumeMounts": [{"name": "config", "mountPath": "/etc/portal", "readOnly": true}]
    }],
    "volumes": [{
      "name": "config",
      "projected": {
        "defaultMode": 256,
        "sources": [
          {"secret": {"name": "portal-tls", "items": [{"key": "tls.key", "path": "tls.key"}]}},
          {"configMap": {"name": "portal-config", "items": [{"key": "portal.conf", "path": "portal.conf"}]}}
        ]
      }
    }]
  }
}
EOF
