#!/bin/bash
kubectl get namespaces
