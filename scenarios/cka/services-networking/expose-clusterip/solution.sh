#!/bin/bash
kubectl -n warehouse expose deployment inventory --name=inventory-svc --port=8080 --target-port=80
kubectl -n warehouse get endpoints inventory-svc
