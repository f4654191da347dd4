### exit-status-basic
true; echo $?; false; echo $?; (exit 42); echo $?
### command-not-found
nosuchcmd; echo "status $?"
### exit-in-script
echo before; exit 3; echo never
### exit-large
(exit 300); echo $?; (exit -1); echo $?
### subshell-exit
(echo in; exit 5); echo "sub $?"
### status-of-pipeline
false | true; echo $?; true | false; echo $?
### status-of-assignment
x=$(exit 4); echo $?; x=1; echo $?
### export-and-env
export FOO=bar; bash -c 'echo "child $FOO"'; BAR=baz bash -c 'echo "$BAR"'; echo "[${BAR-}]"
### export-n
export X=1; export -n X; bash -c 'echo "[${X-unset}]"'
### export-listing
export ONLY_ME=1; export -p | grep ONLY_ME
### source-file
echo 'SRC_VAR=from-file; srcfn() { echo "fn $1"; }' > lib.sh; source lib.sh; echo "$SRC_VAR"; srcfn x; . ./lib.sh; echo ok
### source-with-args
echo 'echo "args: $*"; return 4' > s.sh; source s.sh a b; echo "status $?"
### source-missing
source nofile.sh; echo "status $?"
### eval-basic
cmd='echo evaluated'; eval "$cmd"; var=name; eval "$var=value"; echo "$name"
### eval-quotes
eval 'x="a b"'; echo "$x"; eval echo '$x'
### bash-c-args
bash -c 'echo "$0 $1 $2"' zero one two
### true-false-colon
:; echo $?; true ignored args; echo $?
### return-outside-function
return 2 2>/dev/null; echo "status $?"
