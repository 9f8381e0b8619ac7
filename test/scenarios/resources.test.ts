/**
 * Resource limits at run time, as the docs' "Assign Memory Resources" and
 * "Assign CPU Resources" pages show them (pods/resource/*.yaml): a program
 * over its memory limit is OOMKilled (137) and crash-loops; a program that
 * wants more CPU than its limit is throttled at the limit in `kubectl top`.
 */
import { describe, expect, it } from 'vitest';
import { startLab } from '../harness/lab.ts';
import type { Lab } from '../../core/kubectl/testkit.ts';
import type { KubeObject } from '../../core/api/types.ts';
import { containerUsage } from '../../core/kubelet/usage.ts';

const NS = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n---\n`;

const stress = (name: string, limit: string, bytes: string) => `${NS('mem-example')}apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: mem-example
spec:
  containers:
  - name: ${name}-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "${limit}"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "${bytes}", "--vm-hang", "1"]
`;

const CPU_DEMO = `${NS('cpu-example')}apiVersion: v1
kind: Pod
metadata:
  name: cpu-demo
  namespace: cpu-example
spec:
  containers:
  - name: cpu-demo-ctr
    image: vish/stress
    resources:
      limits:
        cpu: "1"
      requests:
        cpu: "0.5"
    args:
    - -cpus
    - "2"
`;

function cells(l: Lab, cmd: string): string[] {
  return l
    .k(cmd)
    .stdout.trim()
    .split(/\s{2,}/);
}

describe('memory limits', () => {
  it('250M under a 100Mi limit: OOMKilled (137), restarted, CrashLoopBackOff', () => {
    const l = startLab(stress('memory-demo-2', '100Mi', '250M'));
    l.advance(3);
    expect(cells(l, 'get pod memory-demo-2 -n mem-example --no-headers').slice(1, 4)).toEqual([
      '0/1',
      'OOMKilled',
      '0',
    ]);
    l.advance(60);
    const row = cells(l, 'get pod memory-demo-2 -n mem-example --no-headers');
    expect(row[2]).toMatch(/^(CrashLoopBackOff|OOMKilled)$/);
    expect(Number(row[3]?.split(' ')[0])).toBeGreaterThanOrEqual(2);
    const describe = l.k('describe pod memory-demo-2 -n mem-example').stdout;
    expect(describe).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
  });

  it('150M under a 200Mi limit runs, and kubectl top shows the memory it holds', () => {
    const l = startLab(stress('memory-demo', '200Mi', '150M'));
    l.advance(30);
    expect(cells(l, 'get pod memory-demo -n mem-example --no-headers').slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    const [, cpu, mem] = cells(l, 'top pod memory-demo -n mem-example --no-headers');
    expect(cpu).toMatch(/^\d+m$/);
    expect(Number(mem?.replace('Mi', ''))).toBeGreaterThanOrEqual(150);
    expect(Number(mem?.replace('Mi', ''))).toBeLessThan(160);
  });
});

describe('CPU limits', () => {
  it('vish/stress -cpus 2 under a 1-cpu limit is throttled: kubectl top shows 1000m', () => {
    const l = startLab(CPU_DEMO);
    l.advance(30);
    expect(cells(l, 'top pod cpu-demo -n cpu-example --no-headers').slice(0, 2)).toEqual(['cpu-demo', '1000m']);
  });

  it('without a limit it uses both cores', () => {
    const l = startLab(CPU_DEMO.replace('      limits:\n        cpu: "1"\n', ''));
    l.advance(30);
    const [, cpu] = cells(l, 'top pod cpu-demo -n cpu-example --no-headers');
    expect(Number(cpu?.replace('m', ''))).toBeGreaterThanOrEqual(2000);
  });
});

describe('containerUsage', () => {
  const pod = (container: Record<string, unknown>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'u-1' },
    spec: { containers: [{ name: 'c', ...container }] },
  });

  it('offered CPU adds to the idle load and is capped at the CPU limit', () => {
    const limited = pod({ image: 'registry.k8s.io/hpa-example', resources: { limits: { cpu: '500m' } } });
    const idle = containerUsage(limited, 'c').cpuNano;
    expect(idle).toBeLessThan(5_000_000);
    expect(containerUsage(limited, 'c', 200).cpuNano).toBe(idle + 200_000_000);
    expect(containerUsage(limited, 'c', 2000).cpuNano).toBe(500_000_000);
    expect(containerUsage(pod({ image: 'nginx' }), 'c', 2000).cpuNano).toBeGreaterThan(2_000_000_000);
  });

  it('a stress program under another command uses nothing special', () => {
    const u = containerUsage(pod({ image: 'polinux/stress', command: ['sleep', '3600'] }), 'c');
    expect(u.memBytes).toBeLessThan(10 * 1024 * 1024);
  });
});
