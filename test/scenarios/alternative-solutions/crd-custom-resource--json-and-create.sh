#!/bin/bash
# expect: full
# The CRD created from JSON with `kubectl create`, the Backup with retentionDays first.
kubectl create -f - <<'EOF'
{"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
 "metadata": {"name": "backups.ops.example.com"},
 "spec": {"group": "ops.example.com", "scope": "Namespaced",
  "names": {"kind": "Backup", "plural": "backups", "shortNames": ["bk"]},
  "versions": [{"name": "v1", "served": true, "storage": true,
   "schema": {"openAPIV3Schema": {"type": "object", "properties": {"spec": {"type": "object",
     "properties": {"retentionDays": {"type": "integer", "minimum": 1}, "schedule": {"type": "string"}},
     "required": ["schedule"]}}}}}]}}
EOF
kubectl create -f - <<'EOF'
apiVersion: ops.example.com/v1
kind: Backup
metadata: {name: nightly}
spec: {retentionDays: 7, schedule: "0 2 * * *"}
EOF
