#!/bin/bash
# expect: full
# Requests written as 0.5 CPU and 0.5Gi memory through a merge patch.
c=$(kubectl -n science get deploy analyzer -o jsonpath='{.spec.template.spec.containers[0].name}')
kubectl -n science patch deployment analyzer -p "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"$c\",\"resources\":{\"requests\":{\"cpu\":\"0.5\",\"memory\":\"0.5Gi\"}}}]}}}}"
