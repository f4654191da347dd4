#!/bin/bash
kubectl -n web create ingress main --class=nginx \
  --rule="portal.example.com/shop*=shop:80" \
  --rule="portal.example.com/blog*=blog:8080"
kubectl -n web describe ingress main
