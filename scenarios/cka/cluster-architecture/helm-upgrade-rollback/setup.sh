#!/bin/bash
set -e
helm install cache bitnami/redis -n cache --create-namespace --set architecture=replication --set replica.replicaCount=1
