#!/bin/bash
set -e
# The task says the repository is already there, as on the exam's workstation.
helm repo add bitnami https://charts.bitnami.com/bitnami
