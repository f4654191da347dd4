#!/bin/bash
kubectl -n retail rollout history deployment storefront
kubectl -n retail rollout history deployment storefront --revision=2 | grep Image
echo 2 > /opt/broken-revision.txt
kubectl -n retail rollout undo deployment storefront --to-revision=1
sleep 30
kubectl -n retail get deployment storefront
