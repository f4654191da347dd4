#!/bin/bash
# expect: full
# `kubectl expose --type=NodePort`, then the node port fixed with a JSON patch.
kubectl -n ops-ui expose deployment dashboard --type=NodePort --port=80 --target-port=80 --name=dashboard
kubectl -n ops-ui patch svc dashboard --type=json -p='[{"op":"replace","path":"/spec/ports/0/nodePort","value":30080}]'
