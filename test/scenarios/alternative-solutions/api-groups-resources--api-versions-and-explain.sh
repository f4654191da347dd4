#!/bin/bash
# expect: full
# Answers read with other commands: the group from `kubectl explain`, the version as the
# group/version `kubectl api-versions` prints, short names from the api-resources table.
kubectl explain cronjobs | grep '^GROUP:' | awk '{print $2}' > /opt/cronjob-group.txt
kubectl api-versions | grep '^networking.k8s.io/' | head -1 > /opt/networking-version.txt
kubectl api-resources --no-headers | awk '$1 == "persistentvolumeclaims" {print $2}' > /opt/pvc-shortnames.txt
kubectl api-resources --namespaced --no-headers | wc -l > /opt/namespaced-count.txt
