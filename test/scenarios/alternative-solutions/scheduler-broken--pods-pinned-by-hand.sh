#!/bin/bash
# expect: partial
# The canary pods pinned to a node by hand: they run, but the scheduler stays broken.
kubectl patch deployment canary -p '{"spec":{"template":{"spec":{"nodeName":"node01"}}}}'
kubectl rollout status deployment canary --timeout=60s
