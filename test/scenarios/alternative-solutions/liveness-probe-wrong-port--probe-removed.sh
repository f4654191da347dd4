#!/bin/bash
# expect: partial
# The liveness probe removed: the restarts stop but the task says to keep one.
kubectl -n shop-prod patch deployment catalog --type=json -p='[{"op":"remove","path":"/spec/template/spec/containers/0/livenessProbe"}]'
