#!/bin/bash
kubectl -n web create configmap app-config --from-literal=MODE=production --from-literal=LOG_LEVEL=info
