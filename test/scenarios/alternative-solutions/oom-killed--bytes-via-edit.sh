#!/bin/bash
# expect: full
# The request and the limit written in bytes (134217728 = 128Mi, 268435456 = 256Mi), the limit by a strategic merge patch naming the container.
kubectl -n search-prod patch deployment indexer -p '{"spec":{"template":{"spec":{"containers":[{"name":"'"$(kubectl -n search-prod get deploy indexer -o jsonpath='{.spec.template.spec.containers[0].name}')"'","resources":{"limits":{"memory":"268435456"}}}]}}}}'
kubectl -n search-prod set resources deployment indexer --requests=memory=134217728
