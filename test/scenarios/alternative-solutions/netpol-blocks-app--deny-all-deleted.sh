#!/bin/bash
# expect: partial
# The deny-all policy deleted instead of a policy added: web reaches cart, but so does batch.
kubectl -n store delete networkpolicy deny-all-ingress
