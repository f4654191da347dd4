#!/bin/bash
kubectl -n payments logs payments-worker -c worker | grep ERROR > /opt/payments-error.txt
cat /opt/payments-error.txt
