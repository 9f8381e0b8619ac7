import { describe, expect, it } from 'vitest';
import type { KubectlResponse } from '../../../core/protocol/index.ts';
import type { KubectlBackend } from './termSession.ts';
import { commonPrefix, crlf, formatColumns, TerminalSession } from './termSession.ts';

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '');

function setup(complete: { completions: string[]; prefix: string } = { completions: [], prefix: '' }) {
  const screen = { out: '', cols: 80, write: (s: string) => void (screen.out += s) };
  const runs: { argv: string[]; namespace: string }[] = [];
  const lines: string[] = [];
  let answer: KubectlResponse = { stdout: 'ok\n', stderr: '', exitCode: 0, namespace: 'default' };
  let release: () => void = () => undefined;
  let hold = false;
  const backend: KubectlBackend = {
    run: (argv, namespace) => {
      runs.push({ argv, namespace });
      if (!hold) return Promise.resolve(answer);
      return new Promise((resolve) => (release = () => resolve(answer)));
    },
    complete: (line) => {
      lines.push(line);
      return Promise.resolve(complete);
    },
  };
  const t = (key: string, params?: Record<string, string | number>) =>
    params ? `${key} ${JSON.stringify(params)}` : key;
  const session = new TerminalSession(screen, backend, t);
  session.start('banner');
  return {
    session,
    screen,
    runs,
    lines,
    answer: (a: Partial<KubectlResponse>) => (answer = { ...answer, ...a }),
    hold: () => (hold = true),
    release: () => release(),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('TerminalSession', () => {
  it('shows the banner and a prompt, runs kubectl and k lines without the program word', async () => {
    const s = setup();
    expect(plain(s.screen.out)).toContain('banner\n$ ');
    s.session.input('kubectl get pods\r');
    await tick();
    s.session.input('k get "my svc"\r');
    await tick();
    expect(s.runs).toEqual([
      { argv: ['get', 'pods'], namespace: 'default' },
      { argv: ['get', 'my svc'], namespace: 'default' },
    ]);
    expect(plain(s.screen.out)).toContain('$ kubectl get pods\nok\n$ ');
  });

  it('prints stderr in red and keeps the namespace the command set', async () => {
    const s = setup();
    s.answer({ stdout: '', stderr: 'error: boom\n', exitCode: 1, namespace: 'kube-system' });
    s.session.input('kubectl config set-context --current --namespace=kube-system\r');
    await tick();
    expect(s.screen.out).toContain('\x1b[31merror: boom\x1b[0m');
    expect(s.session.namespace).toBe('kube-system');
    expect(plain(s.screen.out).endsWith('(kube-system) $ ')).toBe(true);
    s.session.input('k get pods\r');
    await tick();
    expect(s.runs[1]?.namespace).toBe('kube-system');
  });

  it('explains pipes, unknown commands and answers help and clear itself', async () => {
    const s = setup();
    s.session.input('kubectl get pods | grep web\r');
    s.session.input('ls -l\r');
    s.session.input('help\r');
    s.session.input('clear\r');
    await tick();
    expect(s.runs).toEqual([]);
    const out = plain(s.screen.out);
    expect(out).toContain('dock.term.shell.pipe');
    expect(out).toContain('dock.term.notFound {"word":"ls"}');
    expect(out).toContain('dock.term.help');
    expect(s.screen.out).toContain('\x1b[3J');
  });

  it('recalls history with Up and Down', async () => {
    const s = setup();
    s.session.input('k get pods\r');
    await tick();
    s.session.input('k get svc\r');
    await tick();
    s.session.input('k get n');
    s.session.input('\x1b[A\x1b[A');
    expect(s.session.buffer.text).toBe('k get pods');
    s.session.input('\x1b[B\x1b[B');
    expect(s.session.buffer.text).toBe('k get n');
  });

  it('keeps keys typed while a command runs and drops its output after Ctrl+C', async () => {
    const s = setup();
    s.hold();
    s.session.input('k get pods\r');
    s.session.input('k get s');
    expect(s.session.buffer.text).toBe('');
    s.release();
    await tick();
    expect(s.session.buffer.text).toBe('k get s');
    s.session.input('\x15k slow\r');
    s.session.input('\x03');
    s.answer({ stdout: 'late\n' });
    s.release();
    await tick();
    expect(plain(s.screen.out)).not.toContain('late');
    expect(plain(s.screen.out).endsWith('^C\n$ ')).toBe(true);
  });

  it('Ctrl+C abandons the line being typed', () => {
    const s = setup();
    s.session.input('k get po\x03');
    expect(s.session.buffer.text).toBe('');
    expect(plain(s.screen.out)).toContain('$ k get po^C\n$ ');
  });

  it('completes the program word locally and the rest through the host', async () => {
    const s = setup({ completions: ['deploy', 'deployment', 'deployments'], prefix: 'dep' });
    s.session.input('kub\t');
    expect(s.session.buffer.text).toBe('kubectl ');
    s.session.input('get dep\t');
    await tick();
    expect(s.lines).toEqual(['kubectl get dep']);
    expect(s.session.buffer.text).toBe('kubectl get deploy');
  });

  it('adds a space after a single completion and lists ambiguous ones like bash', async () => {
    const one = setup({ completions: ['pods'], prefix: 'po' });
    one.session.input('k get po\t');
    await tick();
    expect(one.session.buffer.text).toBe('k get pods ');
    const many = setup({ completions: ['k8s-node1', 'k8s-node2'], prefix: 'k8s-node' });
    many.session.input('k cordon k8s-node\t');
    await tick();
    expect(plain(many.screen.out)).toContain('k8s-node1  k8s-node2\n$ k cordon k8s-node');
    expect(many.session.buffer.text).toBe('k cordon k8s-node');
  });
});

describe('terminal helpers', () => {
  it('formats candidates in columns filled top to bottom', () => {
    expect(formatColumns(['a', 'bb', 'c', 'd', 'e'], 12)).toEqual(['a   c   e', 'bb  d']);
    expect(formatColumns(['a-very-long-name'], 5)).toEqual(['a-very-long-name']);
  });
  it('finds the common prefix and converts line ends', () => {
    expect(commonPrefix(['deploy', 'deployment', 'deployments'])).toBe('deploy');
    expect(commonPrefix(['a', 'b'])).toBe('');
    expect(crlf('a\nb')).toBe('a\r\nb\r\n');
    expect(crlf('')).toBe('');
  });
});
