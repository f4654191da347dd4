#!/bin/bash
# expect: partial
# The Secret has the wrong password: the registry refuses it and the pods stay in ImagePullBackOff.
kubectl -n private create secret docker-registry corp-registry --docker-server=private-registry.io --docker-username=dock_user --docker-password=wrong --docker-email=dock_user@private-registry.io
kubectl -n private patch serviceaccount default -p '{"imagePullSecrets":[{"name":"corp-registry"}]}'
kubectl -n private delete pods -l app=billing-api
sleep 30
