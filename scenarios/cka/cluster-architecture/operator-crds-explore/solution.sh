#!/bin/bash
kubectl get crd -o name | grep 'db.example.com$' | cut -d/ -f2 | sort > /opt/operator-crds.txt
kubectl get clusters.db.example.com -A --no-headers | wc -l > /opt/db-clusters.txt
