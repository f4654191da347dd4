#!/bin/bash
helm -n cache upgrade cache bitnami/redis --reuse-values --set architecture=standalone --set auth.enabled=false
helm -n cache history cache
helm -n cache rollback cache 1
helm -n cache history cache
echo 3 > /opt/cache-revision.txt
