### set-e-stops
set -e; echo before; false; echo after
### set-e-in-condition
set -e; if false; then echo no; fi; false || echo handled; ! true; echo survived
### set-e-in-and-list
set -e; false && echo no; echo reached
### set-u-unbound
set -u; echo "${defined:-ok}"; echo "$undefined_var"; echo after
### set-u-array
set -u; a=(); echo "${#a[@]}"; echo "${a[@]:-}" done
### pipefail
false | true; echo "no pipefail $?"; set -o pipefail; false | true; echo "pipefail $?"; true | (exit 3) | true; echo $?
### pipestatus
true | false | (exit 4); echo "${PIPESTATUS[@]}"; echo "${PIPESTATUS[0]}"
### pipestatus-single
false; echo "${PIPESTATUS[@]}"
### set-e-subshell
set -e; (false; echo inner-no); echo outer-no
### set-o-listing
set -o pipefail; set -o | grep -E '^(pipefail|errexit|nounset)'
### set-minus-o-errexit
set -o errexit; echo on; set +o errexit; false; echo off
### trap-exit
trap 'echo cleanup' EXIT; echo working
### trap-exit-with-status
trap 'echo "exiting with $?"' EXIT; false; exit 7
### trap-err
trap 'echo "error on line $LINENO"' ERR; false; echo next
### trap-list
trap 'echo x' EXIT; trap -p EXIT; trap - EXIT; trap -p EXIT; echo done
### set-x-trace
set -x; a=1; echo "$a"; set +x; echo quiet
### set-e-function
set -e; f() { false; echo in-f; }; f; echo after
### set-u-positional
set -u; f() { echo "${1:-none}"; }; f; echo "$1"
### shopt-unknown-and-enabled
shopt -s dotglob; shopt -s | grep -E "^(dotglob|nullglob)"; shopt dotglob nope; echo "status $?"
### shopt-list
shopt -s nullglob extglob; shopt nullglob extglob dotglob
### set-e-command-substitution
set -e; x=$(false); echo "not reached $x"
