#!/bin/bash
kubectl get crd
