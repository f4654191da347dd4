#!/bin/bash
# expect: full
# Replicas changed with a merge patch (as `kubectl edit` would) instead of `kubectl scale`.
kubectl -n shop patch deployment checkout --type=merge -p '{"spec":{"replicas":5}}'
kubectl -n shop rollout status deployment checkout --timeout=60s
