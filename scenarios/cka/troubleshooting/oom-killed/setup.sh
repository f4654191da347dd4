#!/bin/bash
set -e
kubectl create namespace search-prod
kubectl -n search-prod create deployment indexer --image=polinux/stress:1.0.4 -- stress --vm 1 --vm-bytes 200M --vm-hang 0
kubectl -n search-prod set resources deployment indexer --requests=memory=32Mi --limits=memory=64Mi
