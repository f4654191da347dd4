#!/bin/bash
# expect: partial
# The weights swapped: 90% to the new version.
kubectl -n shop patch httproute checkout --type=json -p='[{"op":"replace","path":"/spec/rules/0/backendRefs","value":[{"name":"checkout-v1","port":80,"weight":10},{"name":"checkout-v2","port":80,"weight":90}]}]'
