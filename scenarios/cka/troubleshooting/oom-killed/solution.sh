#!/bin/bash
kubectl -n search-prod describe pod -l app=indexer | grep -A3 'Last State'
kubectl -n search-prod set resources deployment indexer --requests=memory=128Mi --limits=memory=256Mi
sleep 30
kubectl -n search-prod get deployment indexer
