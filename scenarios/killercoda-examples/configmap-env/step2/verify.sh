#!/bin/bash
[ "$(kubectl -n web get pod reader -o jsonpath='{.spec.containers[0].envFrom[0].configMapRef.name}')" = "app-config" ] || exit 1
[ "$(kubectl -n web get pod reader -o jsonpath='{.status.phase}')" = "Running" ]
