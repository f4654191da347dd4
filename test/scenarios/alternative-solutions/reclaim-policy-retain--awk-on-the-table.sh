#!/bin/bash
# expect: full
# The list read from the table's RECLAIM POLICY column.
kubectl patch pv orders-db-pv --type=merge -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'
kubectl get pv --no-headers | awk '$4 == "Delete" {print $1}' | sort > /opt/delete-pvs.txt
