#!/bin/bash
# expect: partial
# The image set back by hand: the pods run nginx:1.27, but as a new revision, not through the history.
echo 2 > /opt/broken-revision.txt
kubectl -n retail set image deployment/storefront nginx=nginx:1.27
kubectl -n retail rollout status deployment storefront --timeout=90s
