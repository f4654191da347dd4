#!/bin/bash
ssh node01 'systemctl stop kubelet && systemctl disable kubelet'
