#!/bin/bash
# expect: full
# The Deployment exported, edited with sed (strategy block replaced by Recreate, image changed)
# and put back with `kubectl replace`.
kubectl -n finance get deployment ledger -o yaml > /root/ledger.yaml
sed -i -e '/rollingUpdate:/,/maxUnavailable:/d' -e 's/type: RollingUpdate/type: Recreate/' -e 's#image: .*#image: redis:7.2#' /root/ledger.yaml
kubectl replace -f /root/ledger.yaml
