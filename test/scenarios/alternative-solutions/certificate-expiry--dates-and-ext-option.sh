#!/bin/bash
# expect: full
# -dates and -ext subjectAltName instead of -enddate and -text, the issuer cut out of -issuer.
crt=/etc/kubernetes/pki/apiserver.crt
openssl x509 -in $crt -noout -dates | grep notAfter | cut -d= -f2 > /opt/apiserver-expiry.txt
openssl x509 -in $crt -noout -issuer | sed 's/.*CN *= *//' > /opt/apiserver-issuer.txt
openssl x509 -in $crt -noout -ext subjectAltName | tail -1 | tr ',' '\n' | grep DNS: | sed 's/.*DNS://' > /opt/apiserver-dns.txt
