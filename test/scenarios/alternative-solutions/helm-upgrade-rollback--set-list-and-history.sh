#!/bin/bash
# expect: full
# Both values in one --set, the rollback by revision, the revision read from `helm history`.
helm -n cache upgrade cache bitnami/redis --reuse-values --set architecture=standalone,auth.enabled=false
helm -n cache rollback cache 1
helm -n cache history cache -o json | jq -r '.[-1].revision' > /opt/cache-revision.txt
