### type-builtins
type echo cd; type -t printf; type -a echo | head -3
### type-not-found
type nosuch; echo "status $?"
### command-v
command -v sed; command -v cd; command -v nosuch; echo "status $?"
### which
which sed awk; which nosuch; echo "status $?"
### command-bypass-function
echo() { builtin echo "wrapped $*"; }; echo hi; command echo raw; unset -f echo
### alias-in-script
shopt -s expand_aliases
alias k='echo kube'
k get pods; alias k
unalias k; k; echo "status $?"
### pwd-and-cd
mkdir -p a/b; cd a/b; pwd | sed 's|.*/kcdiff-[^/]*||'; cd -; cd - >/dev/null; basename "$OLDPWD"
### cd-errors
cd nope; echo "status $?"; touch f; cd f; echo "status $?"; cd a b; echo "status $?"
### pushd-popd
mkdir x y; pushd x >/dev/null; pushd ../y >/dev/null 2>&1 || pushd "$HOME/y" > /dev/null; dirs | wc -w; popd >/dev/null; basename "$PWD"
### unset-variable
x=1; unset x; echo "[${x-gone}]"; readonly r=1; r=2; echo "status $?"
### readonly-unset
readonly C=1; unset C; echo "status $?"
### local-outside-function
local x=1; echo "status $?"
### declare-options
declare -u up=hello; declare -l low=HELLO; echo "$up $low"; declare -r ro=1; declare -p ro
### getopts
parse() { local OPTIND opt; while getopts "n:v" opt; do case $opt in n) echo "name=$OPTARG";; v) echo verbose;; *) echo "bad";; esac; done; shift $((OPTIND-1)); echo "rest=$*"; }; parse -v -n web file1
### getopts-error
f() { local OPTIND; while getopts "a" o; do echo "got $o"; done; }; f -z
### hash-and-times
hash -r; echo ok
### printenv-specific
export MYV=1; printenv MYV; printenv NOPE; echo "status $?"
### set-positional-from-command
set -- $(echo "a b c"); echo "$2"
### read-from-herestring-ifs
IFS=: read -r a b <<< "x:y:z"; echo "$a|$b"
### cd-option-forms
cd -LZ; echo "status $?"; cd --foo; echo "status $?"; mkdir -p a b; cd -P -e a b; echo "status $?"; cd -- a; pwd; cd -L ..; cd -P -- b; pwd
### test-builtin-help-error
cd -Z; echo "status $?"
### exec-redirect
exec 3> out.txt; echo to-fd >&3; exec 3>&-; cat out.txt
### redirections
echo out > f; echo more >> f; cat f; echo err 1>&2 2>/dev/null; ls nope 2> err.txt; wc -l < err.txt; { echo a; echo b >&2; } > both.txt 2>&1; cat both.txt
### redirect-noclobber
echo 1 > f; set -C; echo 2 > f; echo "status $?"; echo 3 >| f; cat f
### redirect-to-directory
mkdir d; echo x > d; echo "status $?"
### redirect-missing-input
cat < missing.txt; echo "status $?"
### process-substitution
diff <(printf 'a\nb\n') <(printf 'a\nc\n'); echo "status $?"
### times-builtin-absent
wait; echo "wait $?"
### alias-listing-sorted
alias zz='echo z' b="it's" a=x
alias
alias -p a
alias b nope; echo "status $?"
bash -c 'alias; echo "child has none: $?"'
### alias-not-in-child-shell
shopt -s expand_aliases
alias hello='echo hi'
hello
bash -c 'hello' 2>/dev/null; echo "child: $?"
echo hello > s.sh; bash s.sh 2>/dev/null; echo "script: $?"
