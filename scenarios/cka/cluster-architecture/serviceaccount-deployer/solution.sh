#!/bin/bash
kubectl -n ci create serviceaccount deployer
kubectl -n ci create role deploy-manager --verb=get,list,create,update,patch --resource=deployments.apps
kubectl -n ci create rolebinding deployer-deploy-manager --role=deploy-manager --serviceaccount=ci:deployer
kubectl -n ci run runner --image=bitnami/kubectl:1.33 --overrides='{"spec":{"serviceAccountName":"deployer"}}' -- sleep 3600
kubectl -n ci wait --for=condition=Ready pod/runner --timeout=60s
