#!/bin/bash
# expect: partial
# 512M is not 512Mi: the memory request changed to a different amount.
kubectl -n science set resources deployment analyzer --requests=cpu=500m,memory=512M
