#!/bin/bash
ls /etc/kubernetes/pki
