#!/bin/bash
kubectl create namespace dev
kubectl -n dev run sample --image=nginx:1.27
