import { describe, expect, it } from 'vitest';
import { createRootFs } from './rootfs.ts';
import { runToEnd } from './testkit.ts';

/** [script, stdout, stderr, exit code] run on a fresh root at t = 2026-11-22T15:45:44Z. */
type Golden = readonly [string, string, string?, number?];

const T0 = Date.UTC(2026, 10, 22, 15, 45, 44);

function check(cases: readonly Golden[]): void {
  for (const [script, out, err = '', code = 0] of cases) {
    const r = runToEnd(script, { fs: createRootFs(T0, 'pod-1'), nowMs: T0, env: { HOME: '/root', PATH: '/bin' } });
    expect({ script, out: r.out, err: r.err, result: r.result }).toEqual({
      script,
      out,
      err,
      result: { state: 'exited', exitCode: code },
    });
  }
}

describe('expansion', () => {
  it('parameters, defaults, lengths, affixes', () =>
    check([
      ['X=hello; echo $X ${X} "${X}!" ${#X}', 'hello hello hello! 5\n'],
      [
        'echo ${U:-def} ${U-dash} "${E:-e}"; E=; echo "[${E:-set-but-empty}]" "[${E-unset}]"',
        'def dash e\n[set-but-empty] []\n',
      ],
      ['echo ${U:=assigned}; echo $U; echo ${U:+alt}', 'assigned\nassigned\nalt\n'],
      ['P=/a/b/c.tar.gz; echo ${P##*/} ${P#*/} ${P%.*} ${P%%.*}', 'c.tar.gz a/b/c.tar.gz /a/b/c.tar /a/b/c\n'],
      ['echo ${U:?is required}; echo not reached', '', 'sh: U: is required\n', 2],
      ['false; echo $?; true; echo $?', '1\n0\n'],
      ['echo $$', '1\n'],
      ['echo ~ ~/x "~"', '/root /root/x ~\n'],
    ]));

  it('field splitting and quoting', () =>
    check([
      ['X="a   b"; for w in $X; do echo "<$w>"; done; for w in "$X"; do echo "<$w>"; done', '<a>\n<b>\n<a   b>\n'],
      ['set -- "1 2" 3; for a in "$@"; do echo "[$a]"; done; echo "$*"; echo $#', '[1 2]\n[3]\n1 2 3\n2\n'],
      ['E=; set -- $E; echo $#; set -- "$E"; echo $#', '0\n1\n'],
      [`echo 'single $X' "double \\$X \\" \\\\" a\\ b`, 'single $X double $X " \\ a b\n'],
      ['echo "$(echo a; echo b)"; echo $(echo a; echo b)', 'a\nb\na b\n'],
      ['echo $((2+3*4)) $(( (1+1) << 2 )) $((10/3)) $((10%3))', '14 8 3 1\n'],
      ['echo $((1/0)); echo after', '', 'sh: divide by zero\n', 2],
      ['echo `echo inner`', 'inner\n'],
      ['N=3; echo "$((N*2))"; i=0; : $((i+=5)); echo $i', '6\n5\n'],
    ]));

  it('pathname expansion', () =>
    check([
      [
        'touch /tmp/a.txt /tmp/b.txt /tmp/c.log /tmp/.hidden; echo /tmp/*.txt; echo /tmp/*.none; echo "/tmp/*"',
        '/tmp/a.txt /tmp/b.txt\n/tmp/*.none\n/tmp/*\n',
      ],
      ['cd /tmp && touch x1 x2 && echo x?', 'x1 x2\n'],
    ]));

  it('here-documents', () =>
    check([
      ['N=you; cat <<EOF\nhi $N\n$(echo sub)\nEOF', 'hi you\nsub\n'],
      ["cat <<'EOF'\nraw $N\nEOF", 'raw $N\n'],
      ['cat <<-EOF\n\tindented\n\tEOF\necho next', 'indented\nnext\n'],
    ]));
});

describe('control flow', () => {
  it('loops, break/continue, case, functions, subshells', () =>
    check([
      ['for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done', '1\n3\n'],
      ['for i in a b; do for j in 1 2; do [ $j = 2 ] && break 2; echo $i$j; done; done', 'a1\n'],
      ['n=0; until [ $n -ge 3 ]; do n=$((n+1)); done; echo $n', '3\n'],
      [
        'for f in x.yaml y.txt; do case $f in *.yaml|*.yml) echo "yaml $f";; *) echo "other $f";; esac; done',
        'yaml x.yaml\nother y.txt\n',
      ],
      ['greet() { echo "hi $1 ($#)"; return 3; }; greet bob x; echo $?', 'hi bob (2)\n3\n'],
      ['X=out; (X=in; echo $X; exit 9); echo $? $X', 'in\n9 out\n'],
      ['{ echo a; echo b; } > /tmp/g; cat /tmp/g', 'a\nb\n'],
      ['echo x | read v; echo "[$v]"', '[]\n'],
      ['printf "a b c\\nd e\\n" | while read x rest; do echo "$x|$rest"; done', 'a|b c\nd|e\n'],
      ['! false && echo negated', 'negated\n'],
      ['if ! grep -q foo /etc/hostname; then echo missing; fi', 'missing\n'],
      ['eval "echo evaluated \\$HOME"', 'evaluated /root\n'],
      ['export A=1; B=2; sh -c \'echo "$A-$B"\'', '1-\n'],
      ['A=x env | grep ^A=; env B=y printenv B', 'A=x\ny\n'],
      [
        'cd /tmp && pwd && cd .. && pwd; cd /nope; echo $?',
        '/tmp\n/\n2\n',
        "sh: cd: can't cd to /nope: No such file or directory\n",
      ],
    ]));

  it('redirections', () =>
    check([
      ['echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f', 'one\ntwo\n'],
      ['cat /nope 2>/dev/null; echo $?', '1\n'],
      ['cat /nope 2>&1 | wc -l', '1\n'],
      ['echo err >&2', '', 'err\n'],
      ['wc -l < /etc/hostname', '1\n'],
      ['cat < /nope; echo $?', '1\n', "sh: can't open /nope: no such file\n"],
      ['echo x > /no/such/dir', '', "sh: can't create /no/such/dir: nonexistent directory\n", 1],
      ['echo to-log > /proc/1/fd/1', 'to-log\n'],
    ]));
});

describe('utilities (busybox output)', () => {
  it('echo and printf', () =>
    check([
      ['echo -n a; echo b', 'ab\n'],
      ['echo "a\\tb"; echo -e "a\\tb\\c"; echo', 'a\\tb\na\tb\n'],
      ['printf "%s=%d%%\\n" cpu 42 mem 7', 'cpu=42%\nmem=7%\n'],
      ['printf "[%5s][%-3s][%03d][%x]\\n" ab c 7 255', '[   ab][c  ][007][ff]\n'],
    ]));

  it('files', () =>
    check([
      ['mkdir /tmp/d && touch /tmp/d/f && ls /tmp/d && rm /tmp/d', 'f\n', "rm: '/tmp/d' is a directory\n", 1],
      ['rm /tmp/none', '', "rm: can't remove '/tmp/none': No such file or directory\n", 1],
      ['rm -f /tmp/none; echo $?', '0\n'],
      ['mkdir /tmp; echo $?', '1\n', "mkdir: can't create directory '/tmp': File exists\n"],
      ['mkdir -p /a/b/c && ls -a /a/b', '.\n..\nc\n'],
      ['echo hi > /tmp/s; cp /tmp/s /tmp/t; mv /tmp/t /root/; cat /root/t; ls /tmp', 'hi\ns\n'],
      ['echo hello > /tmp/f; ls -l /tmp', 'total 4\n-rw-r--r--    1 root     root             6 Nov 22 15:45 f\n'],
      ['ls /nope', '', 'ls: /nope: No such file or directory\n', 1],
      ['cat /tmp', '', 'cat: read error: Is a directory\n', 1],
    ]));

  it('text filters', () =>
    check([
      [
        'printf "a\\nb\\nc\\n" > /tmp/f; wc -l /tmp/f; wc -l < /tmp/f; wc /tmp/f',
        '3 /tmp/f\n3\n        3         3         6 /tmp/f\n',
      ],
      ['seq 5 | head -n 2; seq 5 | tail -n 2; seq 2 2 6; seq -s , 3', '1\n2\n4\n5\n2\n4\n6\n1,2,3\n'],
      [
        'printf "apple\\nBanana\\ncherry\\n" > /tmp/f; grep an /tmp/f; grep -i b /tmp/f; grep -c a /tmp/f; grep -v a /tmp/f; grep -q zz /tmp/f; echo $?',
        'Banana\nBanana\n2\ncherry\n1\n',
      ],
      [
        'echo "hello world" | sed "s/o/0/"; echo "hello world" | sed "s/o/0/g"; echo abc | sed -e "s/\\(b\\)/[\\1]/"',
        'hell0 world\nhell0 w0rld\na[b]c\n',
      ],
      ['echo data | tee /tmp/t1 /tmp/t2 >/dev/null; cat /tmp/t2', 'data\n'],
      [
        'echo hello | tr a-z A-Z; echo a:b:c | cut -d: -f2; printf "b\\na\\nb\\n" | sort | uniq -c',
        'HELLO\nb\n      1 a\n      2 b\n',
      ],
      [
        'printf "abc\\nxy" > /tmp/f; rev /tmp/f; echo; echo 12 | rev; rev /nope',
        'cba\nyx\n21\n',
        "rev: can't open '/nope': No such file or directory\n",
        1,
      ],
      ['expr 1 + 2; expr 3 \\* 4; expr abc : "a.*"; expr 5 = 6', '3\n12\n3\n0\n', '', 1],
    ]));

  it('test / [ ] / [[ ]]', () =>
    check([
      [
        '[ -f /etc/hostname ] && echo file; [ -d /tmp ] && echo dir; [ -e /nope ] || echo none; [ -s /etc/hostname ] && echo nonempty',
        'file\ndir\nnone\nnonempty\n',
      ],
      ['[ -z "" ] && [ -n x ] && [ a = a ] && [ a != b ] && echo strings', 'strings\n'],
      ['[ 2 -lt 10 ] && [ 10 -ge 10 ] && ! [ 1 -eq 2 ] && echo ints', 'ints\n'],
      ['[ 1 -eq 1 -a 2 -eq 3 ] || echo and-fails; test 1 -eq 2 -o 2 -eq 2 && echo or', 'and-fails\nor\n'],
      ['[[ abc == a* && -d /tmp ]] && echo ext', 'ext\n'],
      ['[ abc -eq 1 ]; echo $?', '2\n', 'sh: abc: bad number\n'],
      ['[ 1 = 1; echo $?', '2\n', 'sh: missing ]\n'],
    ]));

  it('system info and time', () =>
    check([
      ['hostname; whoami; uname; uname -m', 'pod-1\nroot\nLinux\nx86_64\n'],
      [
        'date; date +%s; date -u +"%Y-%m-%dT%H:%M:%SZ"; date -I',
        'Sun Nov 22 15:45:44 UTC 2026\n1795362344\n2026-11-22T15:45:44Z\n2026-11-22\n',
      ],
      ['sleep 1.5; date +%T; sleep 1m; date +%T', '15:45:45\n15:46:45\n'],
      ['sleep abc', '', "sleep: invalid number 'abc'\n", 1],
      ['basename /a/b/c.txt .txt; dirname /a/b/c.txt; dirname file', 'c\n/a/b\n.\n'],
    ]));
});

describe('find and du', () => {
  it('find walks depth-first; -mindepth/-maxdepth/-name/-type; -delete empties a directory (the PV recycler)', () =>
    check([
      ['mkdir -p /s/a/b; echo 1 > /s/a/x.txt; echo 2 > /s/y; find /s', '/s\n/s/a\n/s/a/b\n/s/a/x.txt\n/s/y\n'],
      ['mkdir -p /s/a; echo 1 > /s/a/x.txt; echo 2 > /s/y; find /s -maxdepth 1 -type f', '/s/y\n'],
      ['mkdir -p /s/a; echo 1 > /s/a/x.txt; find /s -name "*.txt"', '/s/a/x.txt\n'],
      [
        'mkdir -p /scrub/a/b; echo 1 > /scrub/a/x; test -e /scrub && find /scrub -mindepth 1 -delete && test -z "$(ls -A /scrub)" && echo clean; ls -d /scrub',
        'clean\n/scrub\n',
      ],
      ['find /nope', '', 'find: /nope: No such file or directory\n', 1],
    ]));

  it('du counts 1 KiB blocks per file', () =>
    check([['mkdir -p /d/e; printf "%2000s" x > /d/e/f; echo hi > /d/g; du /d; du -s /d', '2\t/d/e\n3\t/d\n3\t/d\n']]));
});
