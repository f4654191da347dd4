#!/bin/bash
# expect: partial
# The list written before orders-db-pv was changed, so it still names orders-db-pv.
kubectl get pv -o custom-columns=NAME:.metadata.name,POLICY:.spec.persistentVolumeReclaimPolicy --no-headers | awk '$2 == "Delete" {print $1}' | sort > /opt/delete-pvs.txt
kubectl patch pv orders-db-pv -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'
