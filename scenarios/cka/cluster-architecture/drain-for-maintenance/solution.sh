#!/bin/bash
kubectl drain node02 --ignore-daemonsets --force
kubectl get pods -o wide
