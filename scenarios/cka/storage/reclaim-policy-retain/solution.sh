#!/bin/bash
kubectl patch pv orders-db-pv -p '{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}'
kubectl get pv -o jsonpath='{range .items[?(@.spec.persistentVolumeReclaimPolicy=="Delete")]}{.metadata.name}{"\n"}{end}' | sort > /opt/delete-pvs.txt
