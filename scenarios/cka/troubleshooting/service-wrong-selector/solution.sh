#!/bin/bash
kubectl -n web-team get endpoints frontend
kubectl -n web-team get pods --show-labels
kubectl -n web-team patch service frontend -p '{"spec":{"selector":{"app":"frontend"}}}'
kubectl -n web-team get endpoints frontend
