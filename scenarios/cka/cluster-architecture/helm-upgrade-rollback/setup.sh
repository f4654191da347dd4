#!/bin/bash
set -e
helm repo add bitnami https://charts.bitnami.com/bitnami
helm install cache bitnami/redis -n cache --create-namespace --set architecture=replication --set replica.replicaCount=1
