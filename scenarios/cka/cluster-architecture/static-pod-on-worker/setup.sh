#!/bin/bash
ssh node01 'grep staticPodPath /var/lib/kubelet/config.yaml'
