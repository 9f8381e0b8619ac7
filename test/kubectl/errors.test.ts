/**
 * Error messages as kubectl prints them from the lab's Status responses
 * (kubectl 1.33, 1.30, 1.27): NotFound, Invalid with field causes, strict
 * decoding, AlreadyExists, Conflict, unknown resource types, and the
 * scheduler's FailedScheduling reasons.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeKubectl, startKubeLab, validateFlags } from './harness.ts';
import type { KubeLab, KubectlResult } from './harness.ts';

const INVALID_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: x
spec:
  replicas: -1
  selector:
    matchLabels:
      app: x
  template:
    metadata:
      labels:
        app: other
    spec:
      containers:
      - name: x
        image: nginx
`;

const UNKNOWN_FIELD = `apiVersion: v1
kind: ConfigMap
metadata:
  name: typo
dataa:
  a: b
`;

function podRequesting(name: string, cpu: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "${cpu}"
`;
}

for (const version of ['1.33', '1.30', '1.27'] as const) {
  describeKubectl(version, 'error messages', () => {
    let lab: KubeLab;
    const k = (...args: string[]) => lab.kubectl(version, args);
    const validate = validateFlags(version);
    const failed = (r: KubectlResult) => {
      expect(r.stdout).toBe('');
      expect(r.code).toBe(1);
      return r.stderr;
    };

    beforeAll(async () => {
      lab = await startKubeLab();
    });
    afterAll(() => lab?.stop());

    it('NotFound for a missing pod, and for delete', async () => {
      expect(failed(await k('get', 'pod', 'nosuch'))).toBe('Error from server (NotFound): pods "nosuch" not found\n');
      expect(failed(await k('delete', 'deployment', 'nosuch'))).toBe(
        'Error from server (NotFound): deployments.apps "nosuch" not found\n',
      );
      expect(failed(await k('get', 'foos'))).toBe('error: the server doesn\'t have a resource type "foos"\n');
    });

    it('Invalid with every field cause for a bad Deployment', async () => {
      const file = lab.writeFile('invalid.yaml', INVALID_DEPLOYMENT);
      expect(failed(await k('apply', ...validate, '-f', file))).toBe(
        'The Deployment "x" is invalid: \n' +
          '* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n' +
          '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`\n',
      );
    });

    if (version === '1.27') {
      it('--validate=false asks the server to ignore unknown fields', async () => {
        const r = await k('create', '--validate=false', '-f', lab.writeFile('typo.yaml', UNKNOWN_FIELD));
        expect(r.stdout).toBe('configmap/typo created\n');
      });
    } else {
      it('strict decoding error for an unknown field', async () => {
        const file = lab.writeFile('typo.yaml', UNKNOWN_FIELD);
        expect(failed(await k('create', '-f', file))).toBe(
          'Error from server (BadRequest): error when creating "' +
            file +
            '": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dataa"\n',
        );
        const warned = await k('apply', '--validate=warn', '-f', file);
        expect(warned.stderr).toBe('Warning: unknown field "dataa"\n');
        expect(warned.stdout).toBe('configmap/typo created\n');
      });
    }

    it('AlreadyExists for a second create', async () => {
      const file = lab.writeFile('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: once\n');
      expect((await k('create', ...validate, '-f', file)).stdout).toBe('configmap/once created\n');
      expect(failed(await k('create', ...validate, '-f', file))).toBe(
        `Error from server (AlreadyExists): error when creating "${file}": configmaps "once" already exists\n`,
      );
    });

    it('Conflict when replacing with a stale resourceVersion', async () => {
      const stale = (await k('get', 'cm', 'once', '-o', 'yaml')).stdout;
      expect((await k('label', 'cm', 'once', 'touched=yes')).code).toBe(0);
      const file = lab.writeFile('stale.yaml', stale);
      expect(failed(await k('replace', ...validate, '-f', file))).toBe(
        `Error from server (Conflict): error when replacing "${file}": Operation cannot be fulfilled on configmaps "once": the object has been modified; please apply your changes to the latest version and try again\n`,
      );
    });

    it('FailedScheduling says why no node fits, and whether preemption could help', async () => {
      const failedScheduling = async (pod: string) => {
        const events = (
          await k(
            'get',
            'events',
            '--field-selector',
            `involvedObject.name=${pod},reason=FailedScheduling`,
            '-o',
            'jsonpath={.items[*].message}',
          )
        ).stdout;
        return events;
      };
      // 100 CPUs exceed every node's allocatable (2): evicting pods would not help (Unresolvable, as in NodeResourcesFit).
      expect((await k('apply', ...validate, '-f', lab.writeFile('huge.yaml', podRequesting('huge', '100')))).code).toBe(
        0,
      );
      await lab.advance(5);
      expect(await failedScheduling('huge')).toBe(
        '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      );
      // Fill both workers, then ask for a share that would fit an empty worker: preemption is tried but finds no lower-priority victims.
      for (const name of ['fill-1', 'fill-2', 'third'])
        expect(
          (await k('apply', ...validate, '-f', lab.writeFile(`${name}.yaml`, podRequesting(name, '1500m')))).code,
        ).toBe(0);
      await lab.advance(5);
      expect(await failedScheduling('third')).toBe(
        '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
      );
      expect((await k('get', 'pod', 'third', '-o', 'jsonpath={.status.phase}')).stdout).toBe('Pending');
    });
  });
}
