#!/bin/bash
ls /etc/kubernetes/manifests
