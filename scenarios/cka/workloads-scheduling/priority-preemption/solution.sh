#!/bin/bash
kubectl create priorityclass business-critical --value=1000000 --description="Revenue-critical workloads"
kubectl -n ops patch deployment billing -p '{"spec":{"template":{"spec":{"priorityClassName":"business-critical"}}}}'
kubectl -n ops rollout status deployment billing --timeout=120s
kubectl get priorityclasses --sort-by=.value -o jsonpath='{.items[-1].metadata.name}' > /opt/highest-priority.txt
