/**
 * Everyday kubectl commands beyond the first deployment, for kubectl 1.33,
 * 1.30 and 1.27: run, generators (protobuf bodies on 1.33), explain,
 * api-resources, top, server-side and repeated apply, the three patch types,
 * namespaces, node labels with nodeSelector, and `get -w`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { advanceUntilDone, describeKubectl, parseTable, startKubeLab, succeeded, validateFlags } from './harness.ts';
import type { KubeLab } from './harness.ts';

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
`;

const SSD_POD = `apiVersion: v1
kind: Pod
metadata:
  name: ssd-pod
spec:
  nodeSelector:
    disktype: ssd
  containers:
  - name: nginx
    image: nginx
`;

for (const version of ['1.33', '1.30', '1.27'] as const) {
  describeKubectl(version, 'everyday commands', () => {
    let lab: KubeLab;
    const k = (...args: string[]) => lab.kubectl(version, args);
    const validate = validateFlags(version);
    const ok = succeeded;

    beforeAll(async () => {
      lab = await startKubeLab();
    });
    afterAll(() => lab?.stop());

    it('runs a one-shot busybox pod and shows its output', async () => {
      expect(ok(await k('run', 'hello', '--image=busybox', '--restart=Never', '--', 'echo', 'hi'))).toBe(
        'pod/hello created\n',
      );
      await lab.advance(20);
      expect(ok(await k('logs', 'hello'))).toBe('hi\n');
      expect(parseTable(ok(await k('get', 'pod', 'hello')))[0]).toMatchObject({
        READY: '0/1',
        STATUS: 'Completed',
        RESTARTS: '0',
      });
    });

    it('creates a deployment, a configmap and a secret with generators', async () => {
      expect(ok(await k('create', 'deployment', 'web', '--image=nginx'))).toBe('deployment.apps/web created\n');
      expect(
        ok(await k('create', 'configmap', 'app-config', '--from-literal=mode=dev', '--from-literal=level=3')),
      ).toBe('configmap/app-config created\n');
      expect(ok(await k('create', 'secret', 'generic', 'db', '--from-literal=password=s3cret'))).toBe(
        'secret/db created\n',
      );
      await lab.advance(20);
      expect(parseTable(ok(await k('get', 'deploy', 'web')))[0]).toMatchObject({ READY: '1/1' });
      expect(ok(await k('get', 'configmap', 'app-config', '-o', 'jsonpath={.data.mode},{.data.level}'))).toBe('dev,3');
      expect(parseTable(ok(await k('get', 'secret', 'db')))[0]).toMatchObject({ TYPE: 'Opaque', DATA: '1' });
      expect(ok(await k('get', 'secret', 'db', '-o', 'jsonpath={.data.password}'))).toBe(
        Buffer.from('s3cret').toString('base64'),
      );
    });

    if (version === '1.27') {
      // kubectl 1.27 explain reads /openapi/v2 (protobuf) before anything else; the lab serves only v3.
      it.skip('explain (not implemented: /openapi/v2 protobuf document)', () => {});
    } else {
      it('explains deployment.spec.strategy from the OpenAPI v3 schema', async () => {
        const out = ok(await k('explain', 'deployment.spec.strategy'));
        expect(out).toMatch(/^GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n/);
        expect(out).toMatch(/^FIELD: strategy <DeploymentStrategy>$/m);
        expect(out).toMatch(/^ {2}rollingUpdate\t<RollingUpdateDeployment>$/m);
        expect(out).toMatch(/^ {2}type\t<string>$/m);
      });
    }

    it('lists api-resources with short names, groups and scopes', async () => {
      const rows = parseTable(ok(await k('api-resources')));
      const find = (name: string, apiVersion: string) =>
        rows.find((r) => r.NAME === name && r.APIVERSION === apiVersion);
      expect(find('pods', 'v1')).toMatchObject({ SHORTNAMES: 'po', NAMESPACED: 'true', KIND: 'Pod' });
      expect(find('deployments', 'apps/v1')).toMatchObject({
        SHORTNAMES: 'deploy',
        NAMESPACED: 'true',
        KIND: 'Deployment',
      });
      expect(find('nodes', 'v1')).toMatchObject({ SHORTNAMES: 'no', NAMESPACED: 'false', KIND: 'Node' });
      expect(find('pods', 'metrics.k8s.io/v1beta1')).toMatchObject({ KIND: 'PodMetrics' });
    });

    it('shows resource usage with top nodes and top pods', async () => {
      const nodes = parseTable(ok(await k('top', 'nodes')));
      expect(nodes.map((n) => n.NAME)).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
      for (const n of nodes) expect(n['CPU(cores)']).toMatch(/^\d+m$/);
      const pods = parseTable(ok(await k('top', 'pods')));
      expect(pods.some((p) => p.NAME?.startsWith('web-'))).toBe(true);
      // metrics-server reports running pods only: the completed busybox pod has no metrics.
      expect(pods.map((p) => p.NAME)).not.toContain('hello');
      for (const p of pods) expect(p['MEMORY(bytes)']).toMatch(/^\d+Mi$/);
    });

    it('applies client-side twice (unchanged) and server-side', async () => {
      const file = lab.writeFile('settings.yaml', CONFIGMAP);
      expect(ok(await k('apply', ...validate, '-f', file))).toBe('configmap/settings created\n');
      expect(ok(await k('apply', ...validate, '-f', file))).toBe('configmap/settings unchanged\n');
      lab.writeFile('settings.yaml', CONFIGMAP.replace('blue', 'green'));
      expect(ok(await k('apply', ...validate, '-f', file))).toBe('configmap/settings configured\n');
      const ssa = lab.writeFile('ssa.yaml', CONFIGMAP.replace('settings', 'ssa-settings'));
      expect(ok(await k('apply', '--server-side', ...validate, '-f', ssa))).toBe(
        'configmap/ssa-settings serverside-applied\n',
      );
      lab.writeFile('ssa.yaml', CONFIGMAP.replace('settings', 'ssa-settings').replace('blue', 'red'));
      expect(ok(await k('apply', '--server-side', ...validate, '-f', ssa))).toBe(
        'configmap/ssa-settings serverside-applied\n',
      );
      expect(ok(await k('get', 'cm', 'ssa-settings', '-o', 'jsonpath={.data.color}'))).toBe('red');
    });

    it('patches with strategic merge, merge and JSON patches', async () => {
      const strategic = '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}}}';
      expect(ok(await k('patch', 'deployment', 'web', '-p', strategic))).toBe('deployment.apps/web patched\n');
      expect(ok(await k('patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"replicas":2}}'))).toBe(
        'deployment.apps/web patched\n',
      );
      expect(
        ok(
          await k(
            'patch',
            'deployment',
            'web',
            '--type=json',
            '-p',
            '[{"op":"add","path":"/metadata/labels/tier","value":"front"}]',
          ),
        ),
      ).toBe('deployment.apps/web patched\n');
      const out = ok(
        await k(
          'get',
          'deploy',
          'web',
          '-o',
          'jsonpath={.spec.replicas} {.spec.template.spec.containers[*].name}={.spec.template.spec.containers[*].image} {.metadata.labels.tier}',
        ),
      );
      expect(out).toBe('2 nginx=nginx:1.25 front');
      const bad = await k('patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"remove","path":"/spec/nosuch"}]');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toBe(
        "The request is invalid: error in remove for path: '/spec/nosuch': Unable to remove nonexistent key: nosuch: missing value\n",
      );
    });

    it('says "(no change)" for a patch that changes nothing', async () => {
      // Real apiserver: an update whose result equals the stored object is not written (same resourceVersion), and kubectl prints "(no change)".
      expect(ok(await k('patch', 'deployment', 'web', '--type=merge', '-p', '{"spec":{"replicas":2}}'))).toBe(
        'deployment.apps/web patched (no change)\n',
      );
      expect(ok(await k('label', 'deployment', 'web', 'tier=front', '--overwrite'))).toBe(
        'deployment.apps/web not labeled\n',
      );
    });

    it('creates a namespace, runs something in it and deletes it', async () => {
      expect(ok(await k('create', 'namespace', 'dev'))).toBe('namespace/dev created\n');
      expect(ok(await k('-n', 'dev', 'create', 'deployment', 'api', '--image=nginx'))).toBe(
        'deployment.apps/api created\n',
      );
      await lab.advance(20);
      expect(parseTable(ok(await k('-n', 'dev', 'get', 'pods')))).toEqual([
        expect.objectContaining({ STATUS: 'Running' }),
      ]);
      expect(ok(await k('get', 'ns', 'dev', '--show-labels'))).toMatch(/kubernetes\.io\/metadata\.name=dev/);
      // kubectl delete waits until the namespace is gone; the namespace controller needs virtual time for that.
      const deleted = await advanceUntilDone(lab, k('delete', 'namespace', 'dev'), 5, 20);
      expect(ok(deleted)).toBe('namespace "dev" deleted\n');
      expect((await k('get', 'ns', 'dev')).stderr).toBe('Error from server (NotFound): namespaces "dev" not found\n');
      expect((await k('-n', 'dev', 'get', 'all')).stderr).toBe('No resources found in dev namespace.\n');
    });

    it('labels a node and schedules a nodeSelector pod there', async () => {
      expect(ok(await k('label', 'node', 'k8s-node1', 'disktype=ssd'))).toBe('node/k8s-node1 labeled\n');
      const nodes = parseTable(ok(await k('get', 'nodes', '-L', 'disktype')));
      expect(nodes.find((n) => n.NAME === 'k8s-node1')).toMatchObject({ DISKTYPE: 'ssd' });
      expect(nodes.find((n) => n.NAME === 'k8s-node2')).toMatchObject({ DISKTYPE: '' });
      ok(await k('apply', ...validate, '-f', lab.writeFile('ssd-pod.yaml', SSD_POD)));
      await lab.advance(15);
      expect(parseTable(ok(await k('get', 'pod', 'ssd-pod', '-o', 'wide')))[0]).toMatchObject({
        STATUS: 'Running',
        NODE: 'k8s-node1',
      });
      expect(ok(await k('describe', 'pod', 'ssd-pod'))).toMatch(/^Node-Selectors:\s+disktype=ssd$/m);
    });

    // Bug: PATCH pods/X/ephemeralcontainers goes through the ordinary pod update validation
    // (core/apiserver/subresources.ts → api.mutate), which forbids changing spec, so kubectl debug gets
    // 'The Pod "x" is invalid: spec: Forbidden: pod updates may not change fields other than ...'.
    it.skip('debug adds an ephemeral container (not implemented: ephemeralcontainers subresource update rules)', async () => {
      const r = await k('debug', 'ssd-pod', '--image=busybox', '--profile=general', '--', 'true');
      expect(r.code).toBe(0);
      expect(ok(await k('get', 'pod', 'ssd-pod', '-o', 'jsonpath={.spec.ephemeralContainers[0].image}'))).toBe(
        'busybox',
      );
    });

    it('watches pods with get -w and prints a row per change', async () => {
      const watching = lab.kubectl(version, ['get', 'pods', '-w', '-l', 'run=watched'], { timeoutMs: 4_000 });
      // Give kubectl a moment to list and open its watch before the pod appears.
      await new Promise((r) => setTimeout(r, 1_000));
      ok(await k('run', 'watched', '--image=nginx'));
      await lab.advance(10);
      const r = await watching;
      expect(r.stderr).toBe('');
      expect(r.killed).toBe(true); // still watching when the test stopped it
      // Watch rows are not re-aligned when a wider value arrives, so split on whitespace.
      const [header, ...rows] = r.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(/\s+/));
      expect(header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
      expect(rows.every((row) => row[0] === 'watched')).toBe(true);
      expect(rows.map((row) => row[2])).toEqual(expect.arrayContaining(['Pending', 'ContainerCreating', 'Running']));
      expect(rows.at(-1)?.slice(0, 3)).toEqual(['watched', '1/1', 'Running']);
    });
  });
}
