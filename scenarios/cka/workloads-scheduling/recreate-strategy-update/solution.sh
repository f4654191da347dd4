#!/bin/bash
kubectl -n finance patch deployment ledger -p '{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}'
kubectl -n finance set image deployment/ledger ledger=redis:7.2
sleep 30
kubectl -n finance get deployment ledger
