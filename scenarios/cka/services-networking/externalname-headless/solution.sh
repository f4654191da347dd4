#!/bin/bash
kubectl -n integration create service externalname payments-gateway --external-name=api.payments.example.com
kubectl -n integration create service clusterip ledger --clusterip=None --tcp=5432:5432
kubectl -n integration get svc
