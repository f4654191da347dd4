#!/bin/bash
# expect: partial
# "Rolling back" with a second upgrade and --reset-values instead of `helm rollback`: the chart's
# defaults replace the values revision 1 had, and the history shows no rollback.
helm -n cache upgrade cache bitnami/redis --reuse-values --set architecture=standalone,auth.enabled=false
helm -n cache upgrade cache bitnami/redis --reset-values
helm -n cache status cache -o json | jq -r .version > /opt/cache-revision.txt
