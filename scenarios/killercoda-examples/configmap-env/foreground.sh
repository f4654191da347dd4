#!/bin/bash
echo -n "Preparing the lab"
while [ ! -f /tmp/lab-ready ]; do sleep 1; echo -n "."; done
echo " ready."
