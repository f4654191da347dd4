#!/bin/bash
# expect: full
# Only the CPU request changed: the memory request is already 512Mi.
kubectl -n science set resources deployment analyzer --requests=cpu=500m
