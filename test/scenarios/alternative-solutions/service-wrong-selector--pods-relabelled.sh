#!/bin/bash
# expect: partial
# The pods relabelled to match the Service: the task says to fix the Service, not the pods.
kubectl -n web-team label pods -l app=frontend app=front-end --overwrite
