#!/bin/bash
# expect: partial
# The image updated but the strategy left as RollingUpdate.
kubectl -n finance set image deployment/ledger ledger=redis:7.2
