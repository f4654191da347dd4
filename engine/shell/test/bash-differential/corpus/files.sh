### find-name-type
mkdir -p m/sub; touch m/a.yaml m/sub/b.yaml m/c.txt; find m -name '*.yaml' | sort; find m -type d | sort; find m -type f -name 'c*'
### find-maxdepth
mkdir -p r/s/t; touch r/1 r/s/2 r/s/t/3; find r -maxdepth 1 | sort; find r -mindepth 2 -type f | sort
### find-exec
mkdir q; echo hi > q/a; echo yo > q/b; find q -type f -exec cat {} \; | sort; find q -name a -exec echo found {} +
### find-iname-not-empty
mkdir w; touch w/A.YAML w/empty; echo x > w/full; find w -iname '*.yaml'; find w -type f -empty; find w -type f ! -empty; find w -newer w/A.YAML -name full
### find-missing
find nope; echo "status $?"
### find-print0-xargs
mkdir z; touch 'z/a b' z/c; find z -type f -print0 | sort -z | xargs -0 -n1 echo
### find-path-and-delete
mkdir -p v/tmp; touch v/tmp/x v/keep; find v -path '*/tmp/*' -delete; find v | sort
### xargs-forms
printf 'a\nb\nc\n' | xargs echo; printf 'a\nb\nc\n' | xargs -n1 echo item; printf 'a b\n' | xargs -I{} echo '<{}>'
### xargs-n2-and-empty
seq 5 | xargs -n2; echo -n '' | xargs echo empty; echo -n '' | xargs -r echo never
### xargs-status
echo x | xargs false; echo "status $?"; echo x | xargs nosuchcmd; echo "status $?"
### tee-forms
echo one | tee a.txt; echo two | tee -a a.txt > /dev/null; cat a.txt; echo three | tee b c > /dev/null; cat b c
### basename-dirname
basename /var/log/pods.log; basename /var/log/pods.log .log; dirname /var/log/pods.log; dirname file; basename -a x/y z/w; dirname /
### basename-errors
basename; echo "status $?"; dirname; echo "status $?"
### mktemp-forms
f=$(mktemp -p . tmp.XXXXXX); [ -f "$f" ] && echo file-made; d=$(mktemp -d -p . dir.XXXX); [ -d "$d" ] && echo dir-made; echo "$f" | grep -cE '^\./tmp\.[A-Za-z0-9]{6}$'
### readlink-f
mkdir -p real/dir; ln -s real/dir link; readlink link; readlink -f link | sed "s|$PWD|PWD|"; readlink -f nope/x; echo "status $?"
### realpath-forms
mkdir a; touch a/f; realpath a/f | sed "s|$PWD|PWD|"; realpath --relative-to=a a/f
### stat-c
printf '12345' > f; chmod 640 f; stat -c '%n %s %a %A %F' f; mkdir d; stat -c '%F %a' d
### stat-missing
stat nope; echo "status $?"
### cp-mv-rm
echo x > a; cp a b; mv b c; ls_out=$(echo *); echo "$ls_out"; rm a c; echo *
### cp-errors
cp; echo "status $?"; cp nofile x; echo "status $?"; mkdir d; cp d e; echo "status $?"
### rm-errors
rm nofile; echo "status $?"; rm -f nofile; echo "status $?"; mkdir d; rm d; echo "status $?"; rmdir nope; echo "status $?"
### mkdir-errors
mkdir a; mkdir a; echo "status $?"; mkdir x/y/z; echo "status $?"; mkdir -p x/y/z && echo made
### touch-and-cat
touch e; cat e; echo "[$(cat e)]"; printf 'a\nb' > nn; cat nn; echo; cat -n nn; echo
### cat-errors
cat nofile; echo "status $?"; mkdir dd; cat dd; echo "status $?"; cat -z x; echo "status $?"
### diff-forms
printf 'a\nb\nc\n' > l; printf 'a\nB\nc\nd\n' > r; diff l r; echo "status $?"; diff -u l r | tail -n +3; diff l l && echo same
### diff-q-and-missing
echo 1 > a; echo 2 > b; diff -q a b; echo "status $?"; diff a nofile; echo "status $?"
### chmod-and-test
touch s.sh; chmod +x s.sh; [ -x s.sh ] && echo exec; chmod 600 s.sh; stat -c %a s.sh; chmod 999 s.sh; echo "status $?"
### ln-forms
echo data > t; ln -s t sl; cat sl; ln t hl; cat hl; ln -s t sl; echo "status $?"
### script-file-run
printf '#!/bin/bash\necho "script $1"\nexit 3\n' > s.sh; chmod +x s.sh; ./s.sh arg; echo "status $?"; bash s.sh two; echo "status $?"
### script-errors-name-the-file
printf 'echo start\ncd nope\nnosuchcmd\necho "${x:?need x}"\necho never\n' > s.sh; bash s.sh; echo "status $?"
### script-not-executable
printf 'echo hi\n' > s.sh; ./s.sh; echo "status $?"; ./missing.sh; echo "status $?"
### du-and-df-absent
echo x > f; du -s f | awk '{print $2}'
### file-tests-in-loop
mkdir -p conf; touch conf/a.conf conf/b.conf; for f in conf/*.conf; do [ -f "$f" ] && echo "found $(basename "$f")"; done
### truncate-and-split
seq 10 > f; split -l 4 f part_; echo part_*; wc -l < part_ac
### gzip-tar
mkdir pkg; echo hi > pkg/f; tar czf p.tgz pkg; rm -r pkg; tar xzf p.tgz; cat pkg/f; tar tzf p.tgz | sort
### du-forms
mkdir -p dut/a/b; head -c 5000 /dev/zero > dut/a/f1; head -c 10 /dev/zero > dut/a/b/f2; : > dut/e; du dut; du -a dut | sort -k2; du -sh dut; du -h --max-depth=1 dut; du -c dut/a dut/e; du -s --si dut; du -m dut; du -b dut; du --apparent-size dut; du -ah dut/a/f1 dut/e; du -d 0 dut; du -k -d1 dut/
### du-errors
du nope; echo "status $?"; du --max-depth=x .; echo "status $?"; du -sa .; echo "status $?"; du -Z; echo "status $?"
### realpath-relative
mkdir -p rp/a/b; ln -s a/b rp/lnk; cd rp; realpath --relative-to=a/b a; realpath --relative-to a/b .; realpath --relative-to=nope a; realpath --relative-to=a lnk; realpath --relative-base=. a/b ..; realpath --relative-to=a --relative-base=. a/b /etc; realpath --relative-to; echo "status $?"
### readlink-canonical-forms
mkdir -p r/a; ln -s a r/l; readlink -f r/l | sed "s|$PWD|PWD|"; readlink -f r/a/nope/ | sed "s|$PWD|PWD|"; readlink -f r/nope/x; echo "f $?"; readlink -e r/a/nope; echo "e $?"; readlink -m r/nope/x | sed "s|$PWD|PWD|"; readlink -fv r/nope/x; echo "v $?"; readlink r/l
