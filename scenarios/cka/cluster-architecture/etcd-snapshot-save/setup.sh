#!/bin/bash
mkdir -p /opt/backup
kubectl create namespace before-backup
