### single-and-double
x=world; echo 'hello $x' "hello $x" hello\ \$x
### ansi-c-quoting
echo $'tab\there' $'nl\\n' $'quote\'s'; printf '%s\n' $'a\x41b'
### nested-quotes
echo "it's \"quoted\"" 'say "hi"' "a'b'c"
### word-splitting-unquoted
files="a b c"; for f in $files; do echo "<$f>"; done; for f in "$files"; do echo "<$f>"; done
### empty-args
e=""; set -- $e; echo $#; set -- "$e"; echo $#; set -- "${arr[@]}"; echo $#
### backslash-in-double
echo "a\\b" "a\$b" "a\`b" "a\nb" "a\"b"
### glob-in-quotes-not-expanded
touch f1 f2; echo "f*" f*; echo 'f?' f?
### escaped-newline
echo one \
  two \
  three
### dollar-at-vs-star
f() { echo "$#"; }; set -- "a b" c; f "$@"; f "$*"; f $@; f $*
### concatenation
a=foo; echo "${a}bar" $a"baz" "$a"_x "${a}_y"
### printf-q-quoting
printf '%q\n' "a b" "it's" 'tab	here' '$HOME' ''
### echo-escapes-off
echo 'a\tb'; echo -e 'a\tb'; echo -E 'a\tb'
