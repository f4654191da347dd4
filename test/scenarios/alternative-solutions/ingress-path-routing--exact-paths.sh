#!/bin/bash
# expect: partial
# pathType Exact: /shop/cart would not be routed.
kubectl -n web create ingress main --class=nginx --rule="portal.example.com/shop=shop:80" --rule="portal.example.com/blog=blog:8080"
