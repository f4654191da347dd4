#!/bin/bash
helm repo update
helm install edge bitnami/nginx -n edge --create-namespace --set replicaCount=2 --set service.type=ClusterIP
helm -n edge list
helm -n edge list -o json | jq -r '.[0].chart' | sed 's/^nginx-//' > /opt/edge-chart-version.txt
