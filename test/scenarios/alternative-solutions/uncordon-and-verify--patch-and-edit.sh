#!/bin/bash
# expect: full
# unschedulable cleared with a patch and the replicas set through the scale subresource by patch.
kubectl patch node node01 -p '{"spec":{"unschedulable":null}}'
kubectl patch deployment api --subresource=scale --type=merge -p '{"spec":{"replicas":4}}'
