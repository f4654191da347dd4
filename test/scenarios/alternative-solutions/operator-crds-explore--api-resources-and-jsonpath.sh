#!/bin/bash
# expect: full
# Lists the group's resources with api-resources and builds CRD names from them; counts with
# jsonpath instead of counting table rows.
kubectl api-resources --api-group=db.example.com -o name | sort > /opt/operator-crds.txt
kubectl get clusters.db.example.com --all-namespaces -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}' | grep -c . > /opt/db-clusters.txt
cat /opt/operator-crds.txt /opt/db-clusters.txt
