#!/bin/bash
# expect: full
# rollout undo without --to-revision goes back to the previous revision, which ran nginx:1.27.
kubectl -n retail rollout history deployment storefront --revision=2 | grep -q 1.28-broken && echo 2 > /opt/broken-revision.txt
kubectl -n retail rollout undo deployment storefront
kubectl -n retail rollout status deployment storefront --timeout=90s
