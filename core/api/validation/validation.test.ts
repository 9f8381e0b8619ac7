import { describe, expect, it } from 'vitest';
import type { KubeObject, StatusCause } from '../types.ts';
import { applyDefaults } from '../defaults/index.ts';
import { validateObject } from './index.ts';
import { cronError } from './cron.ts';
import { canonical } from './quantity.ts';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

type O = Record<string, unknown>;

/** Defaults then validation, with the namespace the URL would give. */
function check(o: O, old?: O): StatusCause[] {
  const obj = applyDefaults({ ...(o as KubeObject), metadata: { namespace: 'default', ...(o['metadata'] as O) } });
  const prev = old
    ? applyDefaults({ ...(old as KubeObject), metadata: { namespace: 'default', ...(old['metadata'] as O) } })
    : undefined;
  return validateObject(obj, prev);
}
const msgs = (causes: StatusCause[]): string[] => causes.map((c) => `${c.field}: ${c.message}`);

const pod = (spec: O, name = 'p'): O => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
const ctr = (extra: O = {}): O => ({ name: 'c', image: 'nginx', ...extra });
const deployment = (spec: O): O => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });
const tmpl = (labels: O | undefined, spec: O = {}): O => ({
  metadata: labels ? { labels } : {},
  spec: { containers: [ctr()], ...spec },
});

describe('object names', () => {
  it('most kinds need a DNS-1123 subdomain', () => {
    expect(msgs(check(pod({ containers: [ctr()] }, 'My_Pod')))).toEqual([
      `metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN_MSG}`,
    ]);
  });

  it('Namespaces need a DNS-1123 label, and dots are named as the problem', () => {
    expect(msgs(check({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Dev' } }))).toEqual([
      `metadata.name: Invalid value: "Dev": ${LABEL_MSG}`,
    ]);
    expect(msgs(check({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } }))).toEqual([
      'metadata.name: Invalid value: "a.b": must not contain dots',
    ]);
  });

  it('Services need a DNS-1035 label (must start with a letter)', () => {
    const causes = check({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: '1web' },
      spec: { ports: [{ port: 80 }] },
    });
    expect(msgs(causes)).toEqual([
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('a name or generateName is required; generateName may end in a dash', () => {
    expect(check(pod({ containers: [ctr()] }, ''))).toEqual([
      {
        reason: 'FieldValueRequired',
        message: 'Required value: name or generateName is required',
        field: 'metadata.name',
      },
    ]);
  });

  it('too long names', () => {
    expect(msgs(check(pod({ containers: [ctr()] }, 'a'.repeat(254))))).toEqual([
      `metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters`,
    ]);
  });
});

describe('labels and annotations', () => {
  it('label keys and values', () => {
    const causes = check({
      ...pod({ containers: [ctr()] }),
      metadata: { name: 'p', labels: { 'bad key': 'ok', app: 'bad value!' } },
    });
    expect(msgs(causes)).toEqual([
      "metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "metadata.labels: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });

  it('annotations may not total more than 256 KiB', () => {
    const causes = check({
      ...pod({ containers: [ctr()] }),
      metadata: { name: 'p', annotations: { big: 'x'.repeat(262142) } },
    });
    expect(causes).toEqual([
      {
        reason: 'FieldValueTooLong',
        message: 'Too long: may not be more than 262144 bytes',
        field: 'metadata.annotations',
      },
    ]);
  });
});

describe('Pod spec', () => {
  it('containers are required', () => {
    expect(msgs(check(pod({ containers: [] })))).toEqual(['spec.containers: Required value']);
  });

  it('container names are unique, images required, ports in range', () => {
    const causes = check(pod({ containers: [ctr({ ports: [{ containerPort: 70000 }] }), { name: 'c' }] }));
    expect(msgs(causes)).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[1].image: Required value',
      'spec.containers[1].name: Duplicate value: "c"',
    ]);
  });

  it('restartPolicy values', () => {
    expect(msgs(check(pod({ containers: [ctr()], restartPolicy: 'Sometimes' })))).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it('requests may not exceed limits, with canonical quantities', () => {
    const causes = check(
      pod({
        containers: [
          ctr({ resources: { requests: { memory: '2048Mi', cpu: '0.6' }, limits: { memory: '1Gi', cpu: '500m' } } }),
        ],
      }),
    );
    expect(msgs(causes)).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
      'spec.containers[0].resources.requests: Invalid value: "600m": must be less than or equal to cpu limit of 500m',
    ]);
  });

  it('volume names are unique and every mount names a volume', () => {
    const causes = check(
      pod({
        volumes: [
          { name: 'data', emptyDir: {} },
          { name: 'data', emptyDir: {} },
        ],
        containers: [ctr({ volumeMounts: [{ name: 'cache', mountPath: '/cache' }] })],
      }),
    );
    expect(msgs(causes)).toEqual([
      'spec.volumes[1].name: Duplicate value: "data"',
      'spec.containers[0].volumeMounts[0].name: Not found: "cache"',
    ]);
  });

  it('a volume has one source', () => {
    const causes = check(
      pod({ volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }], containers: [ctr()] }),
    );
    expect(msgs(causes)).toEqual(['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type']);
  });

  it('a probe has exactly one handler', () => {
    const none = check(pod({ containers: [ctr({ livenessProbe: { periodSeconds: 5 } })] }));
    expect(msgs(none)).toEqual(['spec.containers[0].livenessProbe: Required value: must specify a handler type']);
    const two = check(
      pod({ containers: [ctr({ readinessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } })] }),
    );
    expect(msgs(two)).toEqual([
      'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    ]);
  });

  it('liveness successThreshold must be 1', () => {
    const causes = check(
      pod({ containers: [ctr({ livenessProbe: { exec: { command: ['x'] }, successThreshold: 2 } })] }),
    );
    expect(msgs(causes)).toEqual(['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']);
  });
});

describe('Deployment', () => {
  it('selector required, and then it matches no labels (the Go map is printed %#v)', () => {
    expect(msgs(check(deployment({ template: tmpl({ app: 'x' }) })))).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
    ]);
  });

  it('selector that does not match the template', () => {
    const causes = check(
      deployment({ selector: { matchLabels: { app: 'y' } }, template: tmpl({ app: 'x', tier: 'web' }) }),
    );
    expect(msgs(causes)).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x", "tier":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('template restartPolicy must be Always; replicas ≥ 0', () => {
    const causes = check(
      deployment({
        replicas: -1,
        selector: { matchLabels: { app: 'x' } },
        template: tmpl({ app: 'x' }, { restartPolicy: 'Never' }),
      }),
    );
    expect(msgs(causes)).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it('maxUnavailable and maxSurge may not both be 0', () => {
    const causes = check(
      deployment({
        selector: { matchLabels: { app: 'x' } },
        template: tmpl({ app: 'x' }),
        strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
      }),
    );
    expect(msgs(causes)).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('strategy type values', () => {
    const causes = check(
      deployment({
        selector: { matchLabels: { app: 'x' } },
        template: tmpl({ app: 'x' }),
        strategy: { type: 'BlueGreen' },
      }),
    );
    expect(msgs(causes)).toEqual([
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it('the selector is immutable on update', () => {
    const old = deployment({ selector: { matchLabels: { app: 'x' } }, template: tmpl({ app: 'x', v: '2' }) });
    const next = {
      ...deployment({ selector: { matchLabels: { app: 'x', v: '2' } }, template: tmpl({ app: 'x', v: '2' }) }),
      metadata: { name: 'd', resourceVersion: '5' },
    };
    expect(msgs(check(next, old))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe('StatefulSet, DaemonSet, ReplicaSet', () => {
  it('StatefulSet names are DNS labels; its template restartPolicy must be Always', () => {
    const causes = check({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web.v1' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: tmpl({ a: 'b' }, { restartPolicy: 'OnFailure' }) },
    });
    expect(msgs(causes)).toEqual([
      'metadata.name: Invalid value: "web.v1": must not contain dots',
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
  });

  it('DaemonSet with an empty selector', () => {
    const causes = check({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ds' },
      spec: { selector: {}, template: tmpl({ a: 'b' }) },
    });
    expect(msgs(causes)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset',
    ]);
  });
});

describe('Job and CronJob', () => {
  const job = (spec: O): O => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: { selector: { matchLabels: { a: 'b' } }, manualSelector: true, ...spec },
  });

  it('restartPolicy must be OnFailure or Never (the default Always is refused)', () => {
    expect(msgs(check(job({ template: tmpl({ a: 'b' }) })))).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ]);
  });

  it('completions and parallelism ≥ 0', () => {
    const causes = check(
      job({ completions: -1, parallelism: -2, template: tmpl({ a: 'b' }, { restartPolicy: 'Never' }) }),
    );
    expect(msgs(causes)).toEqual([
      'spec.parallelism: Invalid value: -2: must be greater than or equal to 0',
      'spec.completions: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  const cron = (schedule?: string): O => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'c' },
    spec: {
      ...(schedule === undefined ? {} : { schedule }),
      jobTemplate: { spec: { template: tmpl(undefined, { restartPolicy: 'OnFailure' }) } },
    },
  });

  it('schedule required and parsed', () => {
    expect(msgs(check(cron()))).toEqual(['spec.schedule: Required value']);
    expect(msgs(check(cron('*/5 * * *')))).toEqual([
      'spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: [*/5 * * *]',
    ]);
    expect(msgs(check(cron('61 * * * *')))).toEqual([
      'spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    ]);
    expect(check(cron('0 3 * * mon-fri'))).toEqual([]);
  });

  it('cron parser messages', () => {
    expect(cronError('@hourly')).toBeUndefined();
    expect(cronError('@sometimes')).toBe('unrecognized descriptor: @sometimes');
    expect(cronError('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(cronError('5-1 * * * *')).toBe('beginning of range (5) beyond end of range (1): 5-1');
  });
});

describe('Service', () => {
  const svc = (spec: O, name = 'web'): O => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });

  it('ports are required unless headless', () => {
    expect(msgs(check(svc({ selector: { a: 'b' } })))).toEqual(['spec.ports: Required value']);
    expect(check(svc({ clusterIP: 'None', selector: { a: 'b' } }))).toEqual([]);
  });

  it('port range, protocol, type', () => {
    const causes = check(svc({ type: 'Magic', ports: [{ port: 0, protocol: 'HTTP', targetPort: 80 }] }));
    expect(msgs(causes)).toEqual([
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  it('nodePort range and clusterIP None with NodePort', () => {
    const causes = check(svc({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80, nodePort: 80 }] }));
    expect(msgs(causes)).toEqual([
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
  });

  it('the cluster IP may not change once set', () => {
    const old = svc({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ port: 80 }] });
    const next = {
      ...svc({ clusterIP: '10.96.0.11', clusterIPs: ['10.96.0.11'], ports: [{ port: 80 }] }),
      metadata: { name: 'web', resourceVersion: '2' },
    };
    expect(msgs(check(next, old))).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set',
    ]);
  });
});

describe('ConfigMap, Secret, storage, Namespace', () => {
  it('config keys', () => {
    const causes = check({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm' },
      data: { 'bad key': 'v', '..x': 'v' },
    });
    expect(msgs(causes)).toEqual([
      `data[bad key]: Invalid value: "bad key": ${CONFIG_KEY_MSG}`,
      `data[..x]: Invalid value: "..x": must not start with '..'`,
    ]);
  });

  it('Secret data may not exceed 1 MiB', () => {
    const causes = check({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { big: 'x'.repeat(1024 * 1024 + 1) },
    });
    expect(causes).toEqual([
      { reason: 'FieldValueTooLong', message: 'Too long: may not be more than 1048576 bytes', field: 'data' },
    ]);
  });

  it('immutable ConfigMaps and Secrets refuse data changes', () => {
    const old = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, immutable: true, data: { a: '1' } };
    const next = { ...old, metadata: { name: 'cm', resourceVersion: '3' }, data: { a: '2' } };
    expect(msgs(check(next, old))).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    const oldSecret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      immutable: true,
      data: { a: 'MQ==' },
    };
    const nextSecret = { ...oldSecret, metadata: { name: 's', resourceVersion: '3' }, immutable: false };
    expect(msgs(check(nextSecret, oldSecret))).toEqual([
      'immutable: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  it('PVC: access modes and storage request required', () => {
    const causes = check({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: {} });
    expect(msgs(causes)).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ]);
  });

  it('PV: capacity and exactly one source', () => {
    const causes = check({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv' },
      spec: { accessModes: ['ReadWriteOnce'], hostPath: { path: '/a' }, nfs: { server: 's', path: '/' } },
    });
    expect(msgs(causes)).toEqual([
      'spec.capacity: Required value',
      'spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"',
      'spec.nfs: Forbidden: may not specify more than 1 volume type',
    ]);
  });

  it('Ingress pathType is required', () => {
    const causes = check({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'i' },
      spec: { rules: [{ http: { paths: [{ path: '/', backend: {} }] } }] },
    });
    expect(msgs(causes)).toEqual(['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified']);
  });
});

describe('Pod updates', () => {
  const base = pod({ containers: [ctr()] });

  it('images may change (a patch keeps the defaulted pull policy)', () => {
    const stored = applyDefaults({
      ...(base as KubeObject),
      metadata: { name: 'p', namespace: 'default', resourceVersion: '1' },
    });
    const next = JSON.parse(JSON.stringify(stored)) as KubeObject;
    const containers = (next['spec'] as { containers: O[] }).containers;
    if (containers[0]) containers[0]['image'] = 'nginx:1.27';
    expect(validateObject(next, stored)).toEqual([]);
  });

  it('a full replace that drops the defaulted pull policy is refused, as upstream', () => {
    const next = {
      ...pod({ containers: [ctr({ image: 'nginx:1.27' })] }),
      metadata: { name: 'p', resourceVersion: '2' },
    };
    expect(check(next, base).map((c) => c.field)).toEqual(['spec']);
  });

  it('other fields may not: Forbidden with the list of updatable fields', () => {
    const next = { ...pod({ containers: [ctr()], nodeName: 'node-2' }), metadata: { name: 'p', resourceVersion: '2' } };
    const causes = check(next, base);
    expect(causes).toHaveLength(1);
    expect(causes[0]?.field).toBe('spec');
    expect(causes[0]?.message).toMatch(
      /^Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n {2}core.PodSpec\{\n\+ \tNodeName: "node-2",\n {2}\}$/,
    );
  });

  it('containers may not be added', () => {
    const next = { ...pod({ containers: [ctr(), ctr({ name: 'd' })] }), metadata: { name: 'p', resourceVersion: '2' } };
    expect(msgs(check(next, base))).toEqual([
      'spec.containers: Forbidden: pod updates may not add or remove containers',
    ]);
  });
});

describe('quantities', () => {
  it.each([
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['2000', '2k'],
    ['128974848', '128974848'],
    ['1e3', '1e3'],
    ['100Ki', '100Ki'],
    ['512', '512'],
  ])('%s prints as %s', (input, out) => expect(canonical(input)).toBe(out));
});
