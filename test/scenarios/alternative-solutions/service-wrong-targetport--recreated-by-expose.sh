#!/bin/bash
# expect: full
# The Service deleted and made again from the Deployment, which takes port 80 as its target.
kubectl -n backend delete service api
kubectl -n backend expose deployment api --port=80
