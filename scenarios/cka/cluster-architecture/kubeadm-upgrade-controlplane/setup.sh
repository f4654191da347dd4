#!/bin/bash
kubectl get nodes
