#!/bin/bash
kubectl api-resources | grep -w cronjobs
echo batch > /opt/cronjob-group.txt
kubectl get --raw /apis/networking.k8s.io | jq -r .preferredVersion.version > /opt/networking-version.txt
echo pvc > /opt/pvc-shortnames.txt
kubectl api-resources --namespaced=true --no-headers | wc -l > /opt/namespaced-count.txt
