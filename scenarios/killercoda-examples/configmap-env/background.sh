#!/bin/bash
kubectl create namespace web
touch /tmp/lab-ready
