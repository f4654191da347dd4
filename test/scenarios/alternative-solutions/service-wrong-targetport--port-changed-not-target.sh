#!/bin/bash
# expect: partial
# The Service's own port moved to 8080: the target is still wrong and api.backend:80 answers nothing.
kubectl -n backend patch service api --type=json -p='[{"op":"replace","path":"/spec/ports/0/port","value":8080}]'
