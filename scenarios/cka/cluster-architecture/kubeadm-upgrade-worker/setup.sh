#!/bin/bash
kubectl get nodes -o wide
