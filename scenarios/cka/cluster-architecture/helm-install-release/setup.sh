#!/bin/bash
helm repo list
