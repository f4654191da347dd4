#!/bin/bash
kubectl create priorityclass business-critical --value=1000000 --description="Revenue-critical workloads"
kubectl -n ops patch deployment billing -p '{"spec":{"template":{"spec":{"priorityClassName":"business-critical"}}}}'
sleep 30
kubectl -n ops get deployment billing
kubectl get priorityclasses --sort-by=.value -o jsonpath='{.items[-1].metadata.name}' > /opt/highest-priority.txt
