/**
 * The table of regular builtins (busybox applets), by name. Shell builtins
 * that change the shell itself (cd, export, exit…) live in ../special.ts.
 */

import type { Program } from '../program.ts';
import * as b from './basic.ts';
import { date } from './date.ts';
import { du, find } from './disk.ts';
import { expr } from './expr.ts';
import * as f from './files.ts';
import { test } from './test.ts';
import { sed } from './sed.ts';
import * as t from './text.ts';

export const BUILTINS: Readonly<Record<string, Program>> = {
  echo: b.echo,
  printf: b.printf,
  sleep: b.sleep,
  true: b.trueCmd,
  false: b.falseCmd,
  ':': b.trueCmd,
  yes: b.yes,
  seq: b.seq,
  hostname: b.hostname,
  whoami: b.whoami,
  id: b.id,
  uname: b.uname,
  env: b.env,
  printenv: b.printenv,
  pwd: b.pwd,
  basename: b.basename,
  dirname: b.dirname,
  date,
  expr,
  test,
  '[': test,
  '[[': test,
  cat: f.cat,
  touch: f.touch,
  rm: f.rm,
  mkdir: f.mkdir,
  rmdir: f.rmdir,
  ls: f.ls,
  cp: f.cp,
  mv: f.mv,
  chmod: f.chmodLike,
  chown: f.chmodLike,
  chgrp: f.chmodLike,
  wc: t.wc,
  head: t.head,
  tail: t.tail,
  grep: t.grep,
  sed,
  tee: t.tee,
  sort: t.sort,
  uniq: t.uniq,
  tr: t.tr,
  cut: t.cut,
  rev: t.rev,
  find,
  du,
};
