#!/bin/bash
# expect: partial
# Scaling the ReplicaSet instead of the Deployment: the Deployment scales it straight back to 2.
kubectl -n shop scale rs -l app=checkout --replicas=5
