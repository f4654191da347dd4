#!/bin/bash
ssh node01 'ls /etc/cni/net.d'
