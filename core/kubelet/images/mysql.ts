/**
 * A small MySQL whose data really lives in /var/lib/mysql, so a PersistentVolume
 * mounted there keeps the databases across pods and nodes (course 003 ch.9: the
 * MySQL pod comes back on another node with its rows). The entrypoint initialises
 * an empty data directory once (the root password is fixed then, as upstream's
 * docker-entrypoint.sh does); `mysql -uroot -p… -e "…"` runs a tiny SQL subset:
 * CREATE/DROP DATABASE, USE, SHOW DATABASES/TABLES, CREATE/DROP TABLE, INSERT,
 * SELECT (columns or *, one `col = value` WHERE), DELETE FROM. Tables are TSV
 * files, `<db>/<table>.tsv`, with a header line. Output is batch mode's: tab-separated,
 * with a header. Only the local server is reachable (-h localhost / 127.0.0.1).
 */
import type { FileSystem } from '../shell/fs.ts';
import type { Program, ProgramContext } from '../shell/program.ts';

const DATADIR = '/var/lib/mysql';
const SYSTEM_DBS = ['information_schema', 'mysql', 'performance_schema', 'sys'];

/** docker-entrypoint.sh's first-start initialisation; false when the data directory already holds a database. */
export function initDataDir(ctx: ProgramContext): boolean {
  const fs = ctx.fs;
  if (fs.exists(`${DATADIR}/mysql`)) return false;
  const now = ctx.now();
  for (const db of SYSTEM_DBS.filter((d) => d !== 'information_schema'))
    fs.mkdir(`${DATADIR}/${db}`, now, { parents: true });
  fs.write(`${DATADIR}/mysql/root.password`, ctx.env.MYSQL_ROOT_PASSWORD ?? '', now);
  const db = ctx.env.MYSQL_DATABASE;
  if (db) fs.mkdir(`${DATADIR}/${db}`, now, { parents: true });
  return true;
}

class SqlError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Session {
  fs: FileSystem;
  now: number;
  db?: string;
  out: string[];
}

/** The `mysql` command-line client, batch mode. */
export const mysqlClient: Program = (ctx) => {
  const args = parseArgs(ctx.argv.slice(1));
  if (args.password !== undefined)
    ctx.stderr('mysql: [Warning] Using a password on the command line interface can be insecure.\n');
  const host = args.host ?? 'localhost';
  if (host !== 'localhost' && host !== '127.0.0.1') {
    ctx.stderr(`ERROR 2005 (HY000): Unknown MySQL server host '${host}' (-2)\n`);
    return 1;
  }
  const stored = ctx.fs.read(`${DATADIR}/mysql/root.password`);
  if (!stored.ok) {
    ctx.stderr(
      "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n",
    );
    return 1;
  }
  if ((args.user ?? 'root') !== 'root' || (args.password ?? '') !== stored.value) {
    const using = args.password ? 'YES' : 'NO';
    ctx.stderr(
      `ERROR 1045 (28000): Access denied for user '${args.user ?? 'root'}'@'localhost' (using password: ${using})\n`,
    );
    return 1;
  }
  const s: Session = { fs: ctx.fs, now: ctx.now(), out: [] };
  try {
    if (args.database) use(s, args.database);
  } catch (e) {
    ctx.stderr(`ERROR ${(e as SqlError).code}: ${(e as Error).message}\n`);
    return 1;
  }
  const sql = args.execute ?? ctx.stdin.readAll();
  for (const stmt of splitStatements(sql)) {
    try {
      run(s, stmt);
    } catch (e) {
      if (!(e instanceof SqlError)) throw e;
      if (s.out.length) ctx.stdout(s.out.join('\n') + '\n');
      ctx.stderr(`ERROR ${e.code} at line 1: ${e.message}\n`);
      return 1;
    }
  }
  if (s.out.length) ctx.stdout(s.out.join('\n') + '\n');
  return 0;
};

function parseArgs(argv: readonly string[]): {
  user?: string;
  password?: string;
  host?: string;
  execute?: string;
  database?: string;
} {
  const out: ReturnType<typeof parseArgs> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (short: string, long: string): string | undefined => {
      if (a === short || a === long) return argv[++i];
      if (a.startsWith(long + '=')) return a.slice(long.length + 1);
      return a.startsWith(short) && short.length === 2 ? a.slice(2) : undefined;
    };
    if (a.startsWith('-p') || a.startsWith('--password'))
      out.password = a.startsWith('-p') ? a.slice(2) : a.split('=')[1];
    else if (a.startsWith('-u') || a.startsWith('--user')) out.user = value('-u', '--user');
    else if (a.startsWith('-h') || a.startsWith('--host')) out.host = value('-h', '--host');
    else if (a.startsWith('-e') || a.startsWith('--execute')) out.execute = value('-e', '--execute');
    else if (a.startsWith('-D') || a.startsWith('--database')) out.database = value('-D', '--database');
    else if (!a.startsWith('-')) out.database = a;
  }
  return out;
}

/** Statements split on `;` outside quotes. */
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === ';') {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  return out.filter((x) => x);
}

const syntax = (near: string) =>
  new SqlError(
    '1064 (42000)',
    `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${near}' at line 1`,
  );

function run(s: Session, stmt: string): void {
  const m = (re: RegExp) => re.exec(stmt);
  let r: RegExpExecArray | null;
  if ((r = m(/^create\s+(?:database|schema)\s+(if\s+not\s+exists\s+)?`?(\w+)`?$/i))) return createDb(s, r[2]!, !!r[1]);
  if ((r = m(/^drop\s+(?:database|schema)\s+(if\s+exists\s+)?`?(\w+)`?$/i))) return dropDb(s, r[2]!, !!r[1]);
  if ((r = m(/^use\s+`?(\w+)`?$/i))) return use(s, r[1]!);
  if (m(/^show\s+databases$/i))
    return show(s, 'Database', [...SYSTEM_DBS.filter((d) => d === 'information_schema'), ...dbs(s)].sort());
  if (m(/^show\s+tables$/i)) return show(s, `Tables_in_${current(s)}`, tables(s, current(s)));
  if ((r = m(/^create\s+table\s+(if\s+not\s+exists\s+)?`?(\w+)`?\s*\(([\s\S]*)\)$/i)))
    return createTable(s, r[2]!, r[3]!, !!r[1]);
  if ((r = m(/^drop\s+table\s+(if\s+exists\s+)?`?(\w+)`?$/i))) return dropTable(s, r[2]!, !!r[1]);
  if ((r = m(/^insert\s+(?:into\s+)?`?(\w+)`?\s*(?:\(([^)]*)\))?\s*values\s*([\s\S]+)$/i)))
    return insert(s, r[1]!, r[2], r[3]!);
  if ((r = m(/^select\s+([\s\S]+?)\s+from\s+`?(\w+)`?(?:\s+where\s+(\w+)\s*=\s*(.+))?$/i)))
    return select(s, r[1]!, r[2]!, r[3], r[4]);
  if ((r = m(/^delete\s+from\s+`?(\w+)`?$/i))) return void writeTable(s, r[1]!, readTable(s, r[1]!).cols, []);
  throw syntax(stmt.slice(0, 40));
}

function dbs(s: Session): string[] {
  const names = s.fs.list(DATADIR);
  return names.ok ? names.value.filter((n) => s.fs.isDir(`${DATADIR}/${n}`)) : [];
}

function tables(s: Session, db: string): string[] {
  const names = s.fs.list(`${DATADIR}/${db}`);
  return names.ok ? names.value.filter((n) => n.endsWith('.tsv')).map((n) => n.slice(0, -4)) : [];
}

function current(s: Session): string {
  if (!s.db) throw new SqlError('1046 (3D000)', 'No database selected');
  return s.db;
}

function use(s: Session, db: string): void {
  if (!s.fs.isDir(`${DATADIR}/${db}`)) throw new SqlError('1049 (42000)', `Unknown database '${db}'`);
  s.db = db;
}

function createDb(s: Session, db: string, ifNotExists: boolean): void {
  if (s.fs.exists(`${DATADIR}/${db}`)) {
    if (ifNotExists) return;
    throw new SqlError('1007 (HY000)', `Can't create database '${db}'; database exists`);
  }
  s.fs.mkdir(`${DATADIR}/${db}`, s.now);
}

function dropDb(s: Session, db: string, ifExists: boolean): void {
  if (!s.fs.isDir(`${DATADIR}/${db}`)) {
    if (ifExists) return;
    throw new SqlError('1008 (HY000)', `Can't drop database '${db}'; database doesn't exist`);
  }
  s.fs.remove(`${DATADIR}/${db}`, { recursive: true });
  if (s.db === db) s.db = undefined;
}

function show(s: Session, header: string, rows: string[]): void {
  s.out.push(header, ...rows);
}

const tablePath = (s: Session, t: string) => `${DATADIR}/${current(s)}/${t}.tsv`;

function createTable(s: Session, t: string, body: string, ifNotExists: boolean): void {
  const path = tablePath(s, t);
  if (s.fs.exists(path)) {
    if (ifNotExists) return;
    throw new SqlError('1050 (42S01)', `Table '${t}' already exists`);
  }
  const cols = splitTop(body)
    .map((c) => /^`?(\w+)`?/.exec(c.trim())?.[1] ?? '')
    .filter((c) => c && !/^(primary|key|unique|index|constraint)$/i.test(c));
  if (!cols.length) throw syntax(body.slice(0, 40));
  writeTable(s, t, cols, []);
}

function dropTable(s: Session, t: string, ifExists: boolean): void {
  const path = tablePath(s, t);
  if (!s.fs.exists(path)) {
    if (ifExists) return;
    throw new SqlError('1051 (42S02)', `Unknown table '${current(s)}.${t}'`);
  }
  s.fs.remove(path);
}

function readTable(s: Session, t: string): { cols: string[]; rows: string[][] } {
  const r = s.fs.read(tablePath(s, t));
  if (!r.ok) throw new SqlError('1146 (42S02)', `Table '${current(s)}.${t}' doesn't exist`);
  const [head = '', ...lines] = r.value.split('\n').filter((l) => l !== '');
  return { cols: head.split('\t'), rows: lines.map((l) => l.split('\t')) };
}

function writeTable(s: Session, t: string, cols: string[], rows: string[][]): void {
  s.fs.write(tablePath(s, t), [cols, ...rows].map((r) => r.join('\t')).join('\n') + '\n', s.now);
}

function insert(s: Session, t: string, colList: string | undefined, values: string): void {
  const table = readTable(s, t);
  const cols = colList ? splitTop(colList).map((c) => c.trim().replace(/`/g, '')) : table.cols;
  const tuples = [...values.matchAll(/\(([^()]*)\)/g)].map((x) => splitTop(x[1]!).map(literal));
  if (!tuples.length) throw syntax(values.slice(0, 40));
  for (const tuple of tuples) {
    if (tuple.length !== cols.length)
      throw new SqlError('1136 (21S01)', "Column count doesn't match value count at row 1");
    table.rows.push(table.cols.map((c) => tuple[cols.indexOf(c)] ?? 'NULL'));
  }
  writeTable(s, t, table.cols, table.rows);
}

function select(s: Session, what: string, t: string, whereCol?: string, whereValue?: string): void {
  const table = readTable(s, t);
  const cols = what.trim() === '*' ? table.cols : splitTop(what).map((c) => c.trim().replace(/`/g, ''));
  for (const c of [...cols, ...(whereCol ? [whereCol] : [])])
    if (!table.cols.includes(c)) throw new SqlError('1054 (42S22)', `Unknown column '${c}' in 'field list'`);
  const wanted = whereValue === undefined ? undefined : literal(whereValue);
  const rows = table.rows.filter((r) => !whereCol || r[table.cols.indexOf(whereCol)] === wanted);
  if (!rows.length) return;
  s.out.push(cols.join('\t'), ...rows.map((r) => cols.map((c) => r[table.cols.indexOf(c)] ?? 'NULL').join('\t')));
}

/** Split on commas outside parentheses and quotes. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x);
}

function literal(v: string): string {
  const t = v.trim();
  const q = /^'(.*)'$|^"(.*)"$/.exec(t);
  return q ? (q[1] ?? q[2] ?? '') : t;
}
