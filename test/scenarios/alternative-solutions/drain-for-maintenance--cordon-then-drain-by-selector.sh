#!/bin/bash
# expect: full
# Cordoned first, then drained with the long flag forms and a grace period.
kubectl cordon node02
kubectl drain node02 --ignore-daemonsets=true --force=true --delete-emptydir-data --grace-period=30 --timeout=120s
