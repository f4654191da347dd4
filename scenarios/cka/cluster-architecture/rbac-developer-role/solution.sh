#!/bin/bash
kubectl -n dev create role pod-reader --verb=get,list,watch --resource=pods,pods/log
kubectl -n dev create rolebinding jane-pod-reader --role=pod-reader --user=jane
kubectl auth can-i list pods -n dev --as jane
kubectl auth can-i delete pods -n dev --as jane
