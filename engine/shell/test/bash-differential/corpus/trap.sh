### trap-print-all
trap 'echo "cleanup $tmp"' EXIT; trap '' TERM; trap 'echo "it'\''s INT"' INT; trap ':' USR1 ERR
trap
echo ---
trap -p SIGINT term 0
trap -
### trap-reset-forms
trap 'echo a' HUP INT QUIT USR2; trap - HUP; trap 2; trap 3 12; trap -p; echo "left: $?"
trap 'echo x' exit; trap -- - EXIT; trap -p EXIT; echo done
### trap-errors
trap 'echo x' FOO USR1; echo "status $?"
trap -p BAR; echo "status $?"
trap 'echo y' 65; echo "status $?"
trap -z; echo "status $?"
trap 'echo lone'; echo "status $?"
trap -p USR1
### trap-list-table
trap -l; echo "status $?"
trap -lp 9 | tail -1
### trap-exit-at-script-end
tmp=$(mktemp); trap 'rm -f "$tmp"; echo "removed with $?"' EXIT
test -f "$tmp" && echo exists
false
### trap-exit-keeps-exit-status
trap 'echo "trap sees $?"; false' EXIT
echo working
exit 3
### trap-exit-own-exit
trap 'echo bye; exit 5' EXIT
true
### trap-exit-once-and-reset
trap 'echo first' EXIT; trap 'echo second' EXIT; trap -p; trap '' EXIT; trap 'echo third' 0
### trap-exit-set-e
set -e
trap 'echo "stopped by errexit: $?"' EXIT
echo start
false
echo never
### trap-in-substitution-prints-parent
trap 'echo parent' EXIT; x=$(trap -p EXIT); echo "[$x]"
### trap-err-which-failures
trap 'echo "ERR with $?"' ERR
false
echo "after: $?"
false && echo no
true && false
! false
false || false
false | true
true | false
if false; then :; fi
ls /nonexistent 2>/dev/null; echo "kept $?"
trap - ERR
false
echo end
### trap-err-exit-and-errexit
trap 'echo err; exit 6' ERR
trap 'echo "exit trap $?"' EXIT
set -e
false
echo never
### trap-err-before-errexit
set -e
trap 'echo "err $?"' ERR
true
grep -q x /dev/null
echo never
### trap-xtrace
set -x
trap 'echo done' EXIT
echo a
### trap-kill-self-trapped
trap 'echo "got TERM, \$? is $?"' TERM; trap 'echo got USR1' USR1
kill -TERM $$; echo "after $?"
kill -s USR1 $$ && echo "and went on"
f() { kill -USR1 $$; echo "in f"; }
f
for i in 1 2; do kill -TERM $$; echo "loop $i"; done
trap 'echo int; x=changed' INT; x=kept; kill -INT $$; echo "x=$x"
### trap-kill-self-ignored
trap '' TERM HUP; kill $$; kill -HUP $$; echo "still here $?"
### trap-kill-self-untrapped
trap 'echo "exit trap with $?"' EXIT
echo start
kill -TERM $$
echo never
### trap-kill-self-untrapped-usr1
echo start
kill -USR1 $$
echo never
### trap-kill-self-int-untrapped
echo start; kill -INT $$; echo never
### trap-kill-self-reset
trap 'echo hup' HUP; kill -HUP $$; trap - HUP; kill -HUP $$; echo never
### trap-err-in-compound-commands
trap 'echo "ERR $?"' ERR
for i in 1; do false; done; echo "loop $?"
{ false; echo in group; }; echo "group $?"
if true; then false; fi; echo "if $?"
while false; do :; done; echo "while $?"
case x in x) false ;; esac; echo "case $?"
for i in 1; do true && false; false || true; ! false; done
f() { false; echo "no ERR inside a function without set -E"; return 3; }
f; echo "f $?"
(false); echo "subshell $?"
### trap-err-loop-errexit
set -e
trap 'echo "ERR $?"' ERR
trap 'echo "EXIT $?"' EXIT
for i in 1 2; do echo "i=$i"; false; done
echo never
