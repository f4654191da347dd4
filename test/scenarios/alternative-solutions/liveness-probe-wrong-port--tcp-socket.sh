#!/bin/bash
# expect: full
# The liveness probe replaced by a TCP check of port 80 with `kubectl edit`-style JSON patch.
kubectl -n shop-prod patch deployment catalog --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/livenessProbe","value":{"tcpSocket":{"port":80},"initialDelaySeconds":5,"periodSeconds":10}}]'
