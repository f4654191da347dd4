#!/bin/bash
set -e
kubectl create namespace portal
kubectl -n portal create configmap portal-config --from-literal=portal.conf='listen 8443;'
kubectl -n portal create secret generic portal-tls --from-literal=tls.key=not-a-real-key
