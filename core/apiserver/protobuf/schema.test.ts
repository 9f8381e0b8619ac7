/**
 * Consistency of the hand-compact tables: every message parses, every
 * reference resolves, no field number or JSON name is used twice, and spot
 * checks of field numbers against upstream generated.proto (v0.33).
 */
import { describe, expect, it } from 'vitest';
import { messageDesc, rootMessage, type MessageDesc } from './schema.ts';
import { formatDuration } from '../../util/duration.ts';
import { renderSpecial } from './special.ts';
import { TABLES, API_VERSIONS } from './tables/index.ts';

const allMessages = Object.entries(TABLES).flatMap(([pkg, table]) =>
  Object.keys(table).map((name) => `${pkg}.${name}`),
);

/** JSON keys a message writes, with inlined embeds flattened. */
function jsonKeys(desc: MessageDesc): string[] {
  return desc.fields.flatMap((f) =>
    f.inline && f.type.kind === 'message' ? jsonKeys(messageDesc(f.type.message)) : [f.json],
  );
}

describe('message tables', () => {
  it.each(allMessages)('%s parses, resolves and has unique numbers and names', (name) => {
    const desc = messageDesc(name);
    expect(new Set(desc.fields.map((f) => f.num)).size).toBe(desc.fields.length);
    const keys = jsonKeys(desc);
    expect(new Set(keys).size).toBe(keys.length);
    for (const field of desc.fields) {
      if (field.type.kind === 'message')
        expect(() => messageDesc(field.type.kind === 'message' ? field.type.message : '')).not.toThrow();
      if (field.inline) expect(field.type.kind).toBe('message');
    }
  });

  it('has no message that contains itself (rendering recursion is bounded by the schema)', () => {
    const reaches = (name: string, path: string[]): void => {
      expect(path).not.toContain(name);
      for (const f of messageDesc(name).fields) if (f.type.kind === 'message') reaches(f.type.message, [...path, name]);
    };
    for (const name of allMessages) reaches(name, []);
  });

  it('maps every served apiVersion to a package', () => {
    for (const pkg of Object.values(API_VERSIONS)) expect(TABLES[pkg]).toBeDefined();
  });

  it.each([
    ['meta.ObjectMeta', 'labels', 11],
    ['meta.ObjectMeta', 'creationTimestamp', 8],
    ['meta.ObjectMeta', 'ownerReferences', 13],
    ['core.PodSpec', 'containers', 2],
    ['core.PodSpec', 'terminationGracePeriodSeconds', 4],
    ['core.PodSpec', 'securityContext', 14],
    ['core.Container', 'image', 2],
    ['core.Container', 'resources', 8],
    ['core.Container', 'imagePullPolicy', 14],
    ['core.VolumeSource', 'configMap', 19],
    ['core.VolumeSource', 'projected', 26],
    ['core.Secret', 'type', 3],
    ['core.ServicePort', 'targetPort', 4],
    ['core.ServiceSpec', 'clusterIPs', 18],
    ['apps.DeploymentSpec', 'template', 3],
    ['batch.JobSpec', 'template', 6],
    ['batch.CronJobSpec', 'jobTemplate', 5],
    ['rbac.PolicyRule', 'nonResourceURLs', 5],
    ['networking.IngressBackend', 'service', 4],
    ['autoscalingV2.MetricSpec', 'containerResource', 7],
    ['authentication.TokenRequestSpec', 'boundObjectRef', 3],
    ['authorization.SubjectAccessReviewStatus', 'denied', 4],
  ])('%s.%s is field %i', (message, json, num) => {
    expect(messageDesc(message).fields.find((f) => f.json === json)?.num).toBe(num);
  });

  it('knows pointer and omitempty flags from the Go types', () => {
    const replicas = messageDesc('apps.DeploymentSpec').byNumber.get(1);
    expect(replicas).toMatchObject({ json: 'replicas', pointer: true, always: false });
    expect(messageDesc('core.PodSpec').byNumber.get(2)).toMatchObject({
      json: 'containers',
      repeated: true,
      always: true,
    });
    expect(messageDesc('core.Volume').byNumber.get(2)).toMatchObject({ inline: true });
  });

  it('only finds top-level kinds as roots', () => {
    expect(rootMessage('apps/v1', 'Deployment')).toBe('apps.Deployment');
    expect(rootMessage('autoscaling/v2', 'HorizontalPodAutoscaler')).toBe('autoscalingV2.HorizontalPodAutoscaler');
    expect(rootMessage('v1', 'Container')).toBeUndefined();
    expect(rootMessage('apps/v1', 'ConfigMap')).toBeUndefined();
  });
});

describe('special types', () => {
  it('formats durations like time.Duration.String()', () => {
    expect(formatDuration(0n)).toBe('0s');
    expect(formatDuration(999n)).toBe('999ns');
    expect(formatDuration(1_500n)).toBe('1.5µs');
    expect(formatDuration(2_000_000n)).toBe('2ms');
    expect(formatDuration(1_500_000_000n)).toBe('1.5s');
    expect(formatDuration(90_000_000_000n)).toBe('1m30s');
    expect(formatDuration(5_400_000_000_000n)).toBe('1h30m0s');
    expect(formatDuration(-3_723_000_000_000n)).toBe('-1h2m3s');
  });

  it('formats MicroTime with six fraction digits and zero times as null', () => {
    const ts = Uint8Array.from([0x08, 0x80, 0xe2, 0xcf, 0xaa, 0x06, 0x10, 0xc0, 0x84, 0x3d]); // seconds 1700000000, nanos 1000000
    expect(renderSpecial('MicroTime', ts)).toBe('2023-11-14T22:13:20.001000Z');
    expect(renderSpecial('Time', ts)).toBe('2023-11-14T22:13:20Z');
    expect(renderSpecial('Time', undefined)).toBeNull();
    expect(renderSpecial('Time', new Uint8Array(0))).toBeNull();
    const farFuture = Uint8Array.from([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]); // 2^42 seconds
    expect(() => renderSpecial('Time', farFuture)).toThrow('year outside of range');
  });

  it('gives Go zero values for absent structs', () => {
    expect(renderSpecial('Quantity', undefined)).toBe('0');
    expect(renderSpecial('IntOrString', undefined)).toBe(0);
    expect(renderSpecial('Duration', undefined)).toBe('0s');
    expect(renderSpecial('RawExtension', undefined)).toBeNull();
    expect(renderSpecial('RawExtension', Uint8Array.from([0x0a, 0x02, 0x7b, 0x7d]))).toEqual({});
  });
});
