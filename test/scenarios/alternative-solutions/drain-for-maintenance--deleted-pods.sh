#!/bin/bash
# expect: partial
# Cordoned, then the pods deleted by hand: no eviction, PodDisruptionBudgets ignored.
kubectl cordon node02
kubectl delete pods -A --field-selector spec.nodeName=node02,metadata.namespace!=kube-system
