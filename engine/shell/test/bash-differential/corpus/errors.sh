### unknown-option-ls-free
sort --nope; echo "status $?"
### unknown-option-cut
cut --bogus; echo "status $?"
### unknown-option-head
head --bogus; echo "status $?"
### missing-operand-mkdir
mkdir; echo "status $?"; touch; echo "status $?"; rm; echo "status $?"
### missing-operand-mv
mv; echo "status $?"; mv onlyone; echo "status $?"
### syntax-error-if
echo before
if true; then echo x; fi fi
echo after
### syntax-error-unclosed-quote
echo "ok"; echo 'unclosed
### syntax-unexpected-token
echo a; ) ; echo b
### bad-substitution
x=1; echo ${x;}; echo "status $?"
### not-a-valid-identifier
export 1abc=2; echo "status $?"; declare -- -x=1; echo "status $?"
### too-many-arguments-cd
cd a b c; echo "status $?"
### exit-non-numeric
(exit abc); echo "status $?"
### shift-bad-counts
set -- a b; shift -1; echo "status $?"; shift abc; echo "status $?"; shift 2; echo "status $? $#"; shift; echo "status $?"
### shift-too-many
shift 3; echo "status $?"
### continue-outside-loop-in-subshell
(continue; echo "sub $?"); for i in 1 2; do (break); echo "$i $?"; done; g() { for i in 1 2; do return 5; done; }; g; echo "g $?"
### break-outside-loop
break; echo "status $?"
### arithmetic-error-in-dbl-paren
(( 1 + )); echo "status $?"
### integer-expected
[ abc -gt 1 ]; echo "status $?"; [[ abc -gt 1 ]]; echo "status $?"
### bad-array-subscript
a=(1 2); echo "${a[-5]}"; echo "status $?"
### readonly-assign-error
readonly x=1; x=2; echo "status $?"
### tr-errors
tr; echo "status $?"; tr a; echo "status $?"
### sort-missing-file
sort nofile; echo "status $?"
### wc-unknown-option
wc -z f; echo "status $?"
### seq-bad-increment
seq 1 0 5; echo "status $?"
### chmod-missing
chmod +x nofile; echo "status $?"; chmod; echo "status $?"
### cmd-is-directory
mkdir d; ./d; echo "status $?"
### echo-to-readonly-dev
echo ok > /dev/null; echo "status $?"
