#!/bin/bash
kubectl -n private create secret docker-registry corp-registry --docker-server=registry.corp.example:5000 --docker-username=deploy --docker-password='Pull-2025!' --docker-email=deploy@corp.example
kubectl -n private patch serviceaccount default -p '{"imagePullSecrets":[{"name":"corp-registry"}]}'
kubectl -n private rollout restart deployment billing-api
kubectl -n private rollout status deployment billing-api --timeout=120s
