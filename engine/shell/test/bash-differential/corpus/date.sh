### date-formats-shape
date +%Y-%m-%d | grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'; date -u +%H:%M:%S | grep -cE '^[0-9]{2}:[0-9]{2}:[0-9]{2}$'; date +%s | grep -cE '^[0-9]{9,}$'
### date-d-fixed
date -u -d '2024-03-01 12:34:56' '+%Y/%m/%d %H:%M:%S %a %b %j'; date -u -d @0; date -u -d @1700000000 +%F
### date-d-relative-shape
date -u -d '1 day ago' +%F | grep -cE '^[0-9]{4}-'; date -d 'tomorrow' +%A | grep -cE 'day$'
### date-iso-and-rfc
date -u -d '2024-01-02T03:04:05Z' --iso-8601=seconds; date -u -d '2024-01-02 03:04:05' -R; date -u -d '2024-01-02' +%s
### date-default-format
date -u -d '2024-07-04 09:05:00'
### date-invalid
date -d 'not a date'; echo "status $?"; date +%Q; echo "status $?"
### date-arith
start=$(date -u -d '2024-01-01 00:00:00' +%s); end=$(date -u -d '2024-01-01 01:30:00' +%s); echo $(( (end-start)/60 )) minutes
### sleep-and-timeout
sleep 0.1; echo slept; timeout 1 sleep 5; echo "status $?"
### touch-invalid-date
touch -d 'garbage' f; echo "status $?"; [ -e f ] || echo not-made
