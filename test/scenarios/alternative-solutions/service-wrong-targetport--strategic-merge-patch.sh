#!/bin/bash
# expect: full
# A strategic merge patch keyed by the port number instead of a JSON patch.
kubectl -n backend patch service api -p '{"spec":{"ports":[{"port":80,"targetPort":80}]}}'
