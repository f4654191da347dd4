#!/bin/bash
kubectl -n shop scale deployment checkout --replicas=5
kubectl -n shop rollout status deployment checkout --timeout=60s
