#!/bin/bash
# expect: partial
# Every verb on PersistentVolumes: sre could delete them.
kubectl create clusterrole infra-reader --verb=get,list,watch --resource=nodes,storageclasses.storage.k8s.io
kubectl patch clusterrole infra-reader --type=json -p='[{"op":"add","path":"/rules/-","value":{"apiGroups":[""],"resources":["persistentvolumes"],"verbs":["*"]}}]'
kubectl create clusterrolebinding sre-infra-reader --clusterrole=infra-reader --group=sre
