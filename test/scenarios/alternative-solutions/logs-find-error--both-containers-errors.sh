#!/bin/bash
# expect: partial
# Every container's ERROR lines: the metrics container's line comes along.
kubectl -n payments logs payments-worker --all-containers | grep ERROR > /opt/payments-error.txt
