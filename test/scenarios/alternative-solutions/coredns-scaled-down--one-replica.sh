#!/bin/bash
# expect: partial
# DNS answers again with one replica, but the task asks for two.
kubectl -n kube-system scale deployment coredns --replicas=1
kubectl -n kube-system rollout status deployment coredns --timeout=60s
