#!/bin/bash
ssh node01 'ip netns list'
