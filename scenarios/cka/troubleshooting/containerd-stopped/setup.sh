#!/bin/bash
ssh node02 'systemctl stop containerd && systemctl disable containerd'
