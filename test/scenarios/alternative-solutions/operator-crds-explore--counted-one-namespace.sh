#!/bin/bash
# expect: partial
# Forgets -A: counts only the Cluster objects of the current namespace.
kubectl get crd -o name | grep 'db.example.com$' | cut -d/ -f2 | sort > /opt/operator-crds.txt
kubectl get clusters.db.example.com --no-headers 2>/dev/null | wc -l > /opt/db-clusters.txt
