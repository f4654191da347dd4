#!/bin/bash
# expect: partial
# The crash "fixed" by making the container only sleep: it no longer prints the time.
kubectl -n analytics logs reporter --previous | tail -1 > /opt/reporter-error.txt
kubectl -n analytics delete pod reporter
kubectl -n analytics run reporter --image=busybox:1.36 --command -- sleep 3600
