#!/bin/bash
kubectl -n ci create serviceaccount deployer
kubectl -n ci create role deploy-manager --verb=get,list,create,update,patch --resource=deployments.apps
kubectl -n ci create rolebinding deployer-deploy-manager --role=deploy-manager --serviceaccount=ci:deployer
kubectl -n ci run runner --image=busybox:1.36 --overrides='{"spec":{"serviceAccountName":"deployer"}}' -- sleep 3600
sleep 20
kubectl -n ci get pod runner
