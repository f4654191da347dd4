#!/bin/bash
kubectl -n shop patch httproute checkout --type=json -p='[{"op":"replace","path":"/spec/rules/0/backendRefs","value":[{"name":"checkout-v1","port":80,"weight":90},{"name":"checkout-v2","port":80,"weight":10}]}]'
kubectl -n shop get httproute checkout -o yaml
