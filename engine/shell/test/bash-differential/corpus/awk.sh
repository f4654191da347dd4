### awk-fields
echo 'web 1/1 Running 0 5m' | awk '{print $1, $3}'; echo 'a b c' | awk '{print $NF, NF}'; echo 'a b c' | awk '{print $(NF-1)}'
### awk-separator
echo 'root:x:0:0' | awk -F: '{print $1 "-" $3}'; echo 'a,b;c' | awk -F'[,;]' '{print $2,$3}'; echo 'a b' | awk -v OFS=- '{$1=$1; print}'
### awk-nr-filter
seq 5 | awk 'NR>2'; seq 5 | awk 'NR==2{print "second:" $0}'; printf 'h\na\nb\n' | awk 'NR>1{print NR": "$0}'
### awk-begin-end
seq 4 | awk 'BEGIN{s=0} {s+=$1} END{print "sum", s, "avg", s/NR}'
### awk-printf
printf 'web 3\ndb 10\n' | awk '{printf "%-6s|%4d|%.1f\n", $1, $2, $2/3}'
### awk-arrays
printf 'Running\nPending\nRunning\n' | awk '{c[$1]++} END{for (k in c) print k, c[k]}' | sort
### awk-regex-match
printf 'nginx-1 Running\nredis-2 Pending\nnginx-3 Failed\n' | awk '/^nginx/ {print $1}'; printf 'a 1\nb 2\n' | awk '$2 ~ /2/'; printf 'a 1\nb 2\n' | awk '$1 !~ /a/'
### awk-string-functions
echo 'Hello World' | awk '{print length($0), toupper($1), tolower($2), substr($1,2,3), index($0,"World")}'
### awk-split-gsub
echo 'a.b.c' | awk '{n=split($0, p, "."); print n, p[3]}'; echo 'aaa' | awk '{gsub(/a/,"b"); print}'; echo 'x-y' | awk '{sub(/-/,"+"); print}'
### awk-variables
awk -v name=web 'BEGIN{print "hello", name}'; echo 5 | awk '{print $1*2, $1/2, $1%3, $1^2}'
### awk-conditionals
seq 6 | awk '{if ($1%2==0) print $1, "even"; else print $1, "odd"}'
### awk-multiple-files
printf 'a\n' > f1; printf 'b\nc\n' > f2; awk '{print FILENAME, FNR, NR}' f1 f2
### awk-number-format
awk 'BEGIN{print 1/3; print 100000000; print 1e6; print 0.1+0.2; x=3.0; print x}'
### awk-print-redirect
seq 3 | awk '{print > "out.txt"}'; cat out.txt
### awk-errors
awk '{print' f; echo "status $?"; awk '{print}' nofile; echo "status $?"
### awk-exit-code
echo x | awk '{exit 3}'; echo "status $?"
### awk-getline-and-next
seq 5 | awk 'NR==2{next} {print}'
### awk-field-assign
echo 'a b c' | awk '{$2="X"; print}'; echo 'a b c' | awk '{$5="e"; print; print NF}'
### awk-sum-column
printf 'cpu 250m\ncpu 500m\n' | awk '{gsub(/m/,"",$2); t+=$2} END{print t "m"}'
### awk-printf-no-newline
seq 3 | awk '{printf "%s,", $1} END{print ""}'
### awk-uninitialized-and-concat
awk 'BEGIN{print x+0, "[" x "]", 1 " " 2}'
### awk-int-and-math
awk 'BEGIN{print int(3.9), int(-3.9), sqrt(16), 2^10, 7%3}'
