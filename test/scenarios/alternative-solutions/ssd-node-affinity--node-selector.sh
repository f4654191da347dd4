#!/bin/bash
# expect: partial
# A nodeSelector instead of node affinity, and no preference for the zone.
kubectl label node node02 disktype=ssd
kubectl create ns catalog
kubectl -n catalog create deployment search --image=nginx:1.27 --replicas=2
kubectl -n catalog patch deployment search -p '{"spec":{"template":{"spec":{"nodeSelector":{"disktype":"ssd"}}}}}'
