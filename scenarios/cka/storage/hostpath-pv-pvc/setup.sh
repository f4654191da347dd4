#!/bin/bash
ssh node01 'mkdir -p /srv/reports'
ssh node02 'mkdir -p /srv/reports'
