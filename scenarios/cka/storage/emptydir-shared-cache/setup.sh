#!/bin/bash
kubectl get storageclass
