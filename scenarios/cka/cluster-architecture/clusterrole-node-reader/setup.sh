#!/bin/bash
kubectl get clusterroles | head -5
