#!/bin/bash
# expect: partial
# The headless Service listens on 80, not 5432.
kubectl -n integration create service externalname payments-gateway --external-name=api.payments.example.com
kubectl -n integration create service clusterip ledger --clusterip=None --tcp=80:5432
