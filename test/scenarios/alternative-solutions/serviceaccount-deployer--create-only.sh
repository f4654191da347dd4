#!/bin/bash
# expect: partial
# Only `create` granted: the deployer cannot update or patch its Deployments.
kubectl -n ci create serviceaccount deployer
kubectl -n ci create role deploy-manager --verb=create --resource=deployments.apps
kubectl -n ci create rolebinding deployer-deploy-manager --role=deploy-manager --serviceaccount=ci:deployer
kubectl -n ci run runner --image=busybox:1.36 --overrides='{"spec":{"serviceAccountName":"deployer"}}' -- sleep 3600
