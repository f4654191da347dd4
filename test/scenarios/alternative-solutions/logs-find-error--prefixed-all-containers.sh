#!/bin/bash
# expect: full
# All containers' logs with their prefix, the worker's error line kept and the prefix cut off.
kubectl -n payments logs payments-worker --all-containers --prefix | grep '/worker\] ERROR' | sed 's/^\[[^]]*\] //' > /opt/payments-error.txt
