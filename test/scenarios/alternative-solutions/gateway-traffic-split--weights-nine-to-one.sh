#!/bin/bash
# expect: full
# Weights 9 and 1 split traffic 90/10 as well; edited with a merge patch of the whole rule list.
kubectl -n shop get httproute checkout -o json > /root/route.json
kubectl -n shop patch httproute checkout --type=json -p='[{"op":"replace","path":"/spec/rules/0/backendRefs","value":[{"name":"checkout-v2","port":80,"weight":1},{"name":"checkout-v1","port":80,"weight":9}]}]'
