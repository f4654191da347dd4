#!/bin/bash
kubectl -n shop-prod describe pod -l app=catalog | grep -i liveness
kubectl -n shop-prod patch deployment catalog --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/livenessProbe/httpGet/port","value":80}]'
kubectl -n shop-prod rollout status deployment catalog --timeout=120s
