#!/bin/bash
set -e
kubectl create namespace batch
cat > /etc/kubernetes/batch-scheduler-config.yaml <<'EOF'
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: /etc/kubernetes/scheduler.conf
leaderElection:
  leaderElect: false
profiles:
- schedulerName: batch-scheduler
EOF
