#!/bin/bash
kubectl -n dev create role pod-reader --verb=get,list,watch --resource=pods,pods/log
kubectl -n dev create rolebinding jane-pod-reader --role=pod-reader --user=jane
kubectl auth can-i list pods -n dev --as jane
# Expected answer: no (can-i exits 1 for no, so the script goes on).
kubectl auth can-i delete pods -n dev --as jane || true
