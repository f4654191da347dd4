#!/bin/bash
kubectl -n shop-prod describe pod -l app=catalog | grep -i liveness
kubectl -n shop-prod patch deployment catalog --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/livenessProbe/httpGet/port","value":80}]'
sleep 30
kubectl -n shop-prod get deployment catalog
