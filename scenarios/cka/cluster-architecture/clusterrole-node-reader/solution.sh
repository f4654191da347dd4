#!/bin/bash
kubectl create clusterrole infra-reader --verb=get,list,watch --resource=nodes,persistentvolumes,storageclasses.storage.k8s.io
kubectl create clusterrolebinding sre-infra-reader --clusterrole=infra-reader --group=sre
kubectl auth can-i list nodes --as someone --as-group sre
