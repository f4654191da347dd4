#!/bin/bash
# expect: full
# The image given with its registry and repository (docker.io/library/nginx:1.27), by container name found with jsonpath.
c=$(kubectl -n alerts get deploy notifier -o jsonpath='{.spec.template.spec.containers[0].name}')
kubectl -n alerts set image deploy/notifier "$c=docker.io/library/nginx:1.27"
