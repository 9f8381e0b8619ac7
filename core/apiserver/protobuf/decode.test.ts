/**
 * Hand-built bodies (tiny encoder below) for the conversion rules that the
 * kubectl captures do not exercise: pointer presence, inlined embeds,
 * special types, packed fields, unknown fields and malformed input.
 */
import { describe, expect, it } from 'vitest';
import { decodeKubeProtobuf } from './index.ts';

// ---- a tiny protobuf encoder (tests only) ----
type Bytes = Uint8Array;
const cat = (...parts: Bytes[]): Bytes => Uint8Array.from(parts.flatMap((p) => [...p]));
function varint(v: number | bigint): Bytes {
  let n = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  do {
    const low = Number(n & 0x7fn);
    n >>= 7n;
    out.push(n > 0n ? low | 0x80 : low);
  } while (n > 0n);
  return Uint8Array.from(out);
}
const utf8 = (s: string): Bytes => Uint8Array.from(unescape(encodeURIComponent(s)), (c) => c.charCodeAt(0));
const tag = (num: number, wire: number): Bytes => varint((num << 3) | wire);
const ld = (num: number, payload: Bytes): Bytes => cat(tag(num, 2), varint(payload.length), payload);
const str = (num: number, s: string): Bytes => ld(num, utf8(s));
const int = (num: number, v: number | bigint): Bytes => cat(tag(num, 0), varint(v));
const msg = (num: number, ...fields: Bytes[]): Bytes => ld(num, cat(...fields));
const entry = (num: number, key: string, value: Bytes): Bytes => msg(num, str(1, key), value);
const labels = (num: number, map: Record<string, string>): Bytes =>
  cat(...Object.entries(map).map(([k, v]) => entry(num, k, str(2, v))));
const MAGIC = Uint8Array.from([0x6b, 0x38, 0x73, 0x00]);
const body = (apiVersion: string, kind: string, ...fields: Bytes[]): Bytes =>
  cat(MAGIC, msg(1, str(1, apiVersion), str(2, kind)), msg(2, ...fields), str(3, ''), str(4, ''));

function decoded(bytes: Bytes): Record<string, unknown> {
  const result = decodeKubeProtobuf(bytes);
  if (!result.ok) throw new Error(result.status.message);
  return result.value;
}
function failure(bytes: Bytes): string {
  const result = decodeKubeProtobuf(bytes);
  if (result.ok) throw new Error('expected a failure');
  expect(result.status.code).toBe(400);
  return result.status.message ?? '';
}
const meta = (name: string): Bytes => msg(1, str(1, name));

describe('kinds kubectl create sends', () => {
  it('Deployment as `create deployment web --image=nginx --replicas=2` sends it', () => {
    const podTemplate = msg(
      3,
      msg(1, labels(11, { app: 'web' })),
      msg(2, msg(2, str(1, 'nginx'), str(2, 'nginx'), msg(8))),
    );
    const spec = msg(2, int(1, 2), msg(2, labels(1, { app: 'web' })), podTemplate, msg(4));
    const obj = decoded(body('apps/v1', 'Deployment', msg(1, str(1, 'web'), labels(11, { app: 'web' })), spec, msg(3)));
    expect(JSON.stringify(obj)).toBe(
      '{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},' +
        '"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"creationTimestamp":null,' +
        '"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},"strategy":{}},"status":{}}',
    );
  });

  it('keeps a present zero pointer (replicas: 0) and leaves an absent one out', () => {
    const zero = decoded(body('apps/v1', 'Deployment', meta('a'), msg(2, int(1, 0))));
    expect(zero.spec).toMatchObject({ replicas: 0 });
    const absent = decoded(body('apps/v1', 'Deployment', meta('a'), msg(2)));
    expect(absent.spec).not.toHaveProperty('replicas');
    // selector is a pointer without omitempty: Go writes null for nil.
    expect(absent.spec).toMatchObject({ selector: null });
  });

  it('ConfigMap data, with map keys sorted like Go', () => {
    const obj = decoded(
      body('v1', 'ConfigMap', meta('cfg'), entry(2, 'size', str(2, '10')), entry(2, 'color', str(2, 'blue'))),
    );
    expect(JSON.stringify(obj.data)).toBe('{"color":"blue","size":"10"}');
    expect(obj).not.toHaveProperty('binaryData');
  });

  it('Secret bytes become base64, including empty and non-UTF-8 values', () => {
    const raw = Uint8Array.from([0xff, 0x00, 0xfe]);
    const obj = decoded(
      body(
        'v1',
        'Secret',
        meta('pw'),
        entry(2, 'password', ld(2, utf8('s3cr3t'))),
        entry(2, 'empty', ld(2, new Uint8Array(0))),
        entry(2, 'bin', ld(2, raw)),
        str(3, 'Opaque'),
      ),
    );
    expect(obj.data).toEqual({ bin: '/wD+', empty: '', password: 'czNjcjN0' });
    expect(obj.type).toBe('Opaque');
  });

  it('Service targetPort IntOrString as number and as string', () => {
    const port = (target: Bytes): Bytes => msg(1, str(1, 'p'), str(2, 'TCP'), int(3, 80), msg(4, ...[target]));
    const obj = decoded(
      body(
        'v1',
        'Service',
        meta('web'),
        msg(2, port(cat(int(1, 0), int(2, 8080))), port(cat(int(1, 1), str(3, 'http'))), str(4, 'ClusterIP')),
      ),
    );
    const ports = (obj.spec as { ports: Array<{ targetPort: unknown }> }).ports;
    expect(ports.map((p) => p.targetPort)).toEqual([8080, 'http']);
    expect(obj.status).toEqual({ loadBalancer: {} });
  });

  it('Namespace', () => {
    expect(decoded(body('v1', 'Namespace', meta('dev'), msg(2), msg(3)))).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'dev', creationTimestamp: null },
      spec: {},
      status: {},
    });
  });

  it('Job: an absent terminationGracePeriodSeconds stays absent, a present 0 stays 0', () => {
    const job = (podSpecExtra: Bytes): Record<string, unknown> =>
      decoded(
        body(
          'batch/v1',
          'Job',
          meta('hello'),
          msg(2, msg(6, msg(1), msg(2, msg(2, str(1, 'c'), str(2, 'busybox')), str(3, 'Never'), podSpecExtra))),
        ),
      );
    const podSpec = (o: Record<string, unknown>): Record<string, unknown> =>
      (o.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    expect(podSpec(job(new Uint8Array(0)))).not.toHaveProperty('terminationGracePeriodSeconds');
    expect(podSpec(job(int(4, 0)))).toMatchObject({ terminationGracePeriodSeconds: 0, restartPolicy: 'Never' });
  });

  it('CronJob with its job template', () => {
    const obj = decoded(
      body('batch/v1', 'CronJob', meta('tick'), msg(2, str(1, '*/1 * * * *'), int(4, 1), msg(5, meta('tick'), msg(2)))),
    );
    expect(obj.spec).toEqual({
      schedule: '*/1 * * * *',
      suspend: true,
      jobTemplate: {
        metadata: { name: 'tick', creationTimestamp: null },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: null } } },
      },
    });
  });

  it('SelfSubjectAccessReview writes status.allowed even when false', () => {
    const attrs = msg(1, str(1, 'dev'), str(2, 'create'), str(5, 'pods'), str(6, 'log'));
    expect(decoded(body('authorization.k8s.io/v1', 'SelfSubjectAccessReview', msg(1), msg(2, attrs), msg(3)))).toEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'dev', verb: 'create', resource: 'pods', subresource: 'log' } },
      status: { allowed: false },
    });
  });
});

describe('conversion rules', () => {
  const pod = (...specFields: Bytes[]): Record<string, unknown> => {
    const obj = decoded(body('apps/v1', 'Deployment', meta('d'), msg(2, msg(3, msg(1), msg(2, ...specFields)))));
    return (obj.spec as { template: { spec: Record<string, unknown> } }).template.spec;
  };

  it('flattens inlined embeds: Volume.volumeSource, localObjectReference, Probe.handler', () => {
    const volume = msg(1, str(1, 'cfg'), msg(2, msg(19, msg(1, str(1, 'my-config')), int(3, 420))));
    const secretRef = msg(3, msg(4, msg(1, str(1, 'db')), str(2, 'password')));
    const probe = msg(10, msg(1, msg(2, str(1, '/healthz'), msg(2, int(1, 1), str(3, 'http')))), int(2, 5));
    const spec = pod(volume, msg(2, str(1, 'app'), msg(7, str(1, 'PW'), secretRef), probe));
    expect(spec.volumes).toEqual([{ name: 'cfg', configMap: { name: 'my-config', defaultMode: 420 } }]);
    expect(spec.containers).toEqual([
      {
        name: 'app',
        env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
        resources: {},
        livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5 },
      },
    ]);
  });

  it('renders quantities, a present empty pointer struct, and negative and packed integers', () => {
    const limits = entry(1, 'memory', msg(2, str(1, '128Mi')));
    const emptyDir = msg(1, str(1, 'scratch'), msg(2, msg(2)));
    const packed = ld(4, cat(varint(1000), varint(2000)));
    const spec = pod(emptyDir, msg(2, str(1, 'c'), msg(8, limits)), msg(14, int(2, -1), packed, int(4, 3000)));
    expect(spec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }]);
    expect((spec.containers as Array<Record<string, unknown>>)[0]?.resources).toEqual({ limits: { memory: '128Mi' } });
    expect(spec.securityContext).toEqual({ runAsUser: -1, supplementalGroups: [1000, 2000, 3000] });
  });

  it('writes null for an absent pointer scalar without omitempty (TypedLocalObjectReference.apiGroup)', () => {
    const backend = msg(1, msg(3, str(2, 'StorageBucket'), str(3, 'assets')));
    const obj = decoded(body('networking.k8s.io/v1', 'Ingress', meta('i'), msg(2, backend)));
    expect(JSON.stringify((obj.spec as { defaultBackend: unknown }).defaultBackend)).toBe(
      '{"resource":{"apiGroup":null,"kind":"StorageBucket","name":"assets"}}',
    );
  });

  it('formats metav1.Time as RFC3339 UTC with whole seconds', () => {
    const obj = decoded(
      body('v1', 'ConfigMap', msg(1, str(1, 'c'), msg(8, int(1, 1_700_000_000), int(2, 5)), msg(9, int(1, 0)))),
    );
    expect(obj.metadata).toEqual({ name: 'c', creationTimestamp: '2023-11-14T22:13:20Z', deletionTimestamp: null });
  });

  it('merges repeated occurrences of a singular message field, last scalar wins', () => {
    const obj = decoded(
      body(
        'v1',
        'ConfigMap',
        msg(1, str(1, 'first'), labels(11, { a: '1' })),
        msg(1, str(1, 'second'), labels(11, { b: '2' })),
      ),
    );
    expect(obj.metadata).toEqual({ name: 'second', creationTimestamp: null, labels: { a: '1', b: '2' } });
  });

  it('skips unknown fields of every wire type', () => {
    const unknown = cat(int(99, 7), str(98, 'x'), tag(97, 1), new Uint8Array(8), tag(96, 5), new Uint8Array(4));
    const obj = decoded(body('v1', 'ConfigMap', msg(1, str(1, 'c'), unknown), unknown, entry(2, 'k', str(2, 'v'))));
    expect(obj).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'c', creationTimestamp: null },
      data: { k: 'v' },
    });
  });

  it('decodes UTF-8 and replaces invalid sequences with U+FFFD, as Go does', () => {
    const name = cat(utf8('héllo-世界-😀'), Uint8Array.from([0xc3]));
    const obj = decoded(body('v1', 'ConfigMap', msg(1, ld(1, name))));
    expect((obj.metadata as { name: string }).name).toBe('héllo-世界-😀\uFFFD');
  });

  it('takes apiVersion and kind from the endpoint when the envelope leaves them blank', () => {
    const bytes = cat(MAGIC, msg(1), msg(2, meta('x')));
    const result = decodeKubeProtobuf(bytes, { apiVersion: 'v1', kind: 'ServiceAccount' });
    expect(result.ok && result.value).toEqual({
      kind: 'ServiceAccount',
      apiVersion: 'v1',
      metadata: { name: 'x', creationTimestamp: null },
    });
  });
});

describe('malformed bodies are 400 BadRequest', () => {
  it('reports the serializer errors for a missing or wrong prefix', () => {
    expect(failure(new Uint8Array(0))).toBe('empty data');
    expect(failure(utf8('{"kind":"Pod"}'))).toBe(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
    expect(failure(MAGIC)).toBe('empty body');
  });

  it('rejects kinds that are missing, unknown, or not top-level', () => {
    expect(failure(cat(MAGIC, msg(1, str(1, 'v1'))))).toBe(
      'Object \'Kind\' is missing in \'runtime.TypeMeta{APIVersion:"v1", Kind:""}\'',
    );
    expect(failure(body('apps/v1', 'Frobnicator'))).toMatch(
      /^no kind "Frobnicator" is registered for version "apps\/v1"/,
    );
    expect(failure(body('v1', 'PodSpec'))).toMatch(/^no kind "PodSpec"/);
    expect(failure(body('v1', 'constructor'))).toMatch(/^no kind "constructor"/);
    expect(failure(body('constructor', 'Pod'))).toMatch(/^no kind "Pod"/);
  });

  it('rejects truncated data and wrong wire types', () => {
    const good = body('v1', 'ConfigMap', meta('c'));
    expect(failure(good.subarray(0, good.length - 3))).toBe('unexpected EOF');
    expect(failure(body('v1', 'ConfigMap', int(1, 5)))).toBe('proto: wrong wireType = 0 for field metadata');
    expect(failure(cat(MAGIC, Uint8Array.from([0x0b])))).toBe('proto: illegal wireType 3');
  });
});
