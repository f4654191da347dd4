#!/bin/bash
# expect: partial
# Counting every resource type, cluster-scoped ones included.
echo batch > /opt/cronjob-group.txt
echo v1 > /opt/networking-version.txt
echo pvc > /opt/pvc-shortnames.txt
kubectl api-resources --no-headers | wc -l > /opt/namespaced-count.txt
