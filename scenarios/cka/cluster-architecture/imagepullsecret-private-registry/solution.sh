#!/bin/bash
kubectl -n private create secret docker-registry corp-registry --docker-server=private-registry.io --docker-username=dock_user --docker-password=dock_password --docker-email=dock_user@private-registry.io
kubectl -n private patch serviceaccount default -p '{"imagePullSecrets":[{"name":"corp-registry"}]}'
kubectl -n private rollout restart deployment billing-api
sleep 30
kubectl -n private get deployment billing-api
