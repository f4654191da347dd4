### printf-strings
printf '%s\n' one two three; printf '[%5s][%-5s][%.2s]\n' ab ab abcdef
### printf-numbers
printf '%d %i %05d %+d %x %X %o %#x\n' 42 -7 42 5 255 255 8 255
### printf-floats
printf '%5.2f|%.0f|%e|%g|%.3g\n' 3.14159 2.5 12345.678 0.0001 1234567
### printf-table
printf '%-10s %5s\n' NAME READY web 1/1 database 0/1
### printf-reuse-format
printf '%s=%s\n' a 1 b 2 c
### printf-b-escapes
printf '%b\n' 'tab\there' 'nl\nline' '\x41\0101'
### printf-q
printf '%q ' 'a b' 'x"y' 'semi;colon' 'star*'; echo
### printf-percent-literal
printf '100%%\n'; printf 'cpu %d%%\n' 75
### printf-invalid-number
printf '%d\n' abc; echo "status $?"; printf '%d\n' 12abc; echo "status $?"
### printf-v
printf -v out '%03d' 7; echo "$out"
### printf-char-and-star-width
printf '%*s|%-*s|\n' 6 r 4 l; printf '%c%c\n' hello world
### printf-no-args
printf '%s-%d\n'; printf 'plain\n'
### printf-escape-in-format
printf 'a\tb\\n\n'; printf "col1\tcol2\n"
### printf-missing-format
printf; echo "status $?"
### echo-n-and-e
echo -n "no newline"; echo; echo -e "a\tb\nc"; echo -ne "x\ty\n"; echo -e '\e[1mbold\e[0m' | od -c | head -1
### echo-dash-args
echo -- -n; echo -n -e 'z\n'; echo -x; echo -
### printf-hex-char
printf '\x48\x49\n'; printf '\u00e9\n'
### printf-large-float
printf '%.2f %.1f %f\n' 1e3 0.05 1
### printf-floats-half-even-long-double
printf '%.0f %.0f %.0f %.0f\n' 0.5 1.5 2.5 -2.5; printf '%.2f %.2f %.1f %.1f %.2f\n' 1.005 2.675 0.35 0.45 1.115; printf '%*.*f|%-8.1e|%+g\n' 8 2 2.675 1.25 0.0001
### printf-floats-reuse-and-bad-numbers
printf '%s=%.1f\n' a 1.25 b 1.35 c; printf '%f|%f|%f\n' 12abc abc ' 3'; echo "status $?"; printf '%.1f\n' "'a"; printf '%.0f\n' 0x10; printf -v v '%.0f' 3.5; echo "$v"
