#!/bin/bash
[ "$(kubectl -n web get configmap app-config -o jsonpath='{.data.MODE}')" = "production" ] || exit 1
[ "$(kubectl -n web get configmap app-config -o jsonpath='{.data.LOG_LEVEL}')" = "info" ]
