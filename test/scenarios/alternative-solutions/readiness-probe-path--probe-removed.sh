#!/bin/bash
# expect: partial
# The readiness probe deleted instead of fixed: the task says to keep one.
kubectl -n public delete pod status-page
kubectl -n public run status-page --image=nginx:1.27 --labels=app=status-page
