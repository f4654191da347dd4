#!/bin/bash
kubectl -n shop-api set resources deployment cart --requests=cpu=200m
kubectl -n shop-api autoscale deployment cart --min=2 --max=8 --cpu-percent=60
kubectl -n shop-api get hpa cart
