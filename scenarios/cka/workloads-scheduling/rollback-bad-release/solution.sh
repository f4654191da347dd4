#!/bin/bash
kubectl -n retail rollout history deployment storefront
kubectl -n retail rollout history deployment storefront --revision=2 | grep Image
echo 2 > /opt/broken-revision.txt
kubectl -n retail rollout undo deployment storefront --to-revision=1
kubectl -n retail rollout status deployment storefront --timeout=120s
