/**
 * Structural decoding over the real manifests of the Kubernetes documentation
 * (/work/shared/k8s-examples): every core-workload file must decode under Strict, and the files
 * known to be invalid must fail as a real API server fails them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkStructure } from './index.ts';
import { K8S_EXAMPLES } from '../../../test/harness/shared.ts';

const EXAMPLES = K8S_EXAMPLES;
const present = existsSync(join(EXAMPLES, 'CORE.txt'));
if (!present) console.warn(`schema examples test skipped: ${EXAMPLES} is absent`);

type Obj = { apiVersion: string; kind: string; items?: Obj[] };

function objectsOf(file: string): Obj[] {
  return parseAllDocuments(readFileSync(join(EXAMPLES, file), 'utf8'))
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => o !== null && typeof o === 'object')
    .flatMap((o) => (o.kind === 'List' ? (o.items ?? []) : [o]));
}

/** Core files a real API server rejects too, or that use fields newer than the schema's sources. */
const EXPECTED_REJECTIONS: Record<string, { why: string; message: string }> = {
  'deployments/deployment-with-capacity-reservation.yaml': {
    why: 'documentation bug: labelSelector/topologyKey belong under podAffinityTerm; real servers reject it',
    message:
      'strict decoding error: unknown field "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].labelSelector", ' +
      'unknown field "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].topologyKey"',
  },
  'pods/emptydir-volume-mode.yaml': {
    why: 'emptyDir.mode is newer than the schema sources (client-node 1.4)',
    message: 'unknown field "spec.volumes[0].emptyDir.mode"',
  },
  'pods/security/security-context-7.yaml': {
    why: 'securityContext.cgroupOptions is newer than the schema sources (client-node 1.4)',
    message: 'unknown field "spec.containers[0].securityContext.cgroupOptions"',
  },
  'pods/storage/projected-podcertificate.yaml': {
    why: 'podCertificate.userAnnotations is newer than the schema sources (client-node 1.4); a v1.33 server has no podCertificate at all',
    message: 'unknown field "spec.volumes[0].projected.sources[0].podCertificate.userAnnotations"',
  },
};

describe.skipIf(!present)('documentation manifests', () => {
  it('decodes every core-workload manifest under Strict', () => {
    const files = readFileSync(join(EXAMPLES, 'CORE.txt'), 'utf8').split('\n').filter(Boolean);
    const rejected: string[] = [];
    let count = 0;
    for (const file of files) {
      for (const obj of objectsOf(file)) {
        count++;
        const { error } = checkStructure(obj, obj.apiVersion, obj.kind, 'Strict');
        const expected = EXPECTED_REJECTIONS[file];
        if (expected) expect(error?.message, file).toContain(expected.message);
        else if (error) rejected.push(`${file}: ${error.message}`);
      }
    }
    expect(count).toBeGreaterThan(350);
    expect(rejected).toEqual([]);
  });

  it('rejects the known-invalid manifests as the API server does', () => {
    const cases: [string, string][] = [
      [
        'secret/serviceaccount/mysecretname.yaml',
        'json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type map[string]string',
      ],
      ['secret/tls-auth-secret.yaml', 'illegal base64 data at input byte'],
      ['service/networking/dual-stack-ipv6-svc.yaml', 'strict decoding error: unknown field "spec.ipFamily"'],
      [
        'pods/pod-with-node-affinity.yaml',
        'json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector',
      ],
    ];
    for (const [file, message] of cases) {
      const errors = objectsOf(file).map((o) => checkStructure(o, o.apiVersion, o.kind, 'Strict').error?.message ?? '');
      expect(errors.join('\n'), file).toContain(message);
    }
  });
});
