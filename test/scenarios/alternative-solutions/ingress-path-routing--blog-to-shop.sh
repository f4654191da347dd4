#!/bin/bash
# expect: partial
# Both paths exist as Prefix, but /blog points at the shop Service.
kubectl -n web create ingress main --class=nginx \
  --rule="portal.example.com/shop*=shop:80" \
  --rule="portal.example.com/blog*=shop:80"
