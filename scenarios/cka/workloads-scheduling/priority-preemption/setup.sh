#!/bin/bash
set -e
kubectl create namespace ops
kubectl -n ops create deployment billing --image=nginx:1.27
