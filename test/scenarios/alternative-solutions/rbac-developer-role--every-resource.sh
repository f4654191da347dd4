#!/bin/bash
# expect: partial
# Read access to every resource in dev: jane can read Secrets too.
kubectl -n dev create role pod-reader --verb=get,list,watch --resource='*'
kubectl -n dev create rolebinding jane-pod-reader --role=pod-reader --user=jane
