#!/bin/bash
set -e
kubectl create namespace finance
kubectl -n finance create deployment ledger --image=redis:6.2 --replicas=2
kubectl -n finance patch deployment ledger --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/name","value":"ledger"}]'
