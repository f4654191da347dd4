#!/bin/bash
kubectl get csr
