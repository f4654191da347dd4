#!/bin/bash
# expect: full
# The replica count patched instead of kubectl scale.
kubectl -n kube-system patch deployment coredns -p '{"spec":{"replicas":2}}'
kubectl -n kube-system rollout status deployment coredns --timeout=60s
