#!/bin/bash
kubectl -n backend describe service api
kubectl -n backend patch service api --type=json -p='[{"op":"replace","path":"/spec/ports/0/targetPort","value":80}]'
kubectl -n backend exec client -- wget -qO- -T 2 api
