#!/bin/bash
kubectl uncordon node01
kubectl scale deployment api --replicas=4
kubectl rollout status deployment api --timeout=120s
kubectl get pods -o wide
