#!/bin/bash
# expect: partial
# The snapshot restored into the new directory, but the static pod still uses the old one.
etcdutl snapshot restore /opt/backup/before-incident.db --data-dir=/var/lib/etcd-restored
