#!/bin/bash
# expect: full
# The selector replaced with a JSON patch (no apply annotation on this Service).
kubectl -n web-team get pods --show-labels
kubectl -n web-team patch service frontend --type=json -p='[{"op":"replace","path":"/spec/selector","value":{"app":"frontend"}}]'
