/**
 * The Kubernetes documentation's own manifests (/work/shared/k8s-examples):
 * every core file must default and validate cleanly, and the files known to
 * be invalid must be rejected. Skips, with a message, where the corpus is absent.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../types.ts';
import { resourceByKind } from '../registry.ts';
import { applyDefaults, defaultJobSelector } from '../defaults/index.ts';
import { validateObject } from './index.ts';
import { K8S_EXAMPLES } from '../../../test/harness/shared.ts';

// core/ has no Node types; the test reads files through a loosely typed import.
interface FsLike {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string;
}
const fs = (await import(/* @vite-ignore */ `node:${'fs'}`)) as FsLike;

const ROOT = K8S_EXAMPLES;
const present = fs.existsSync(`${ROOT}/CORE.txt`);
if (!present) console.warn(`skipping corpus tests: ${ROOT} is absent`);

function documents(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(`${ROOT}/${file}`, 'utf8'))
    .map((d) => d.toJSON() as unknown)
    .filter((d) => d !== null && d !== undefined);
}

/** What the API server does before validation: namespace from the URL, defaults, Job selector. */
function admit(raw: unknown): KubeObject {
  const obj = raw as KubeObject;
  obj.metadata ??= {};
  if (resourceByKind(obj.apiVersion, obj.kind)?.namespaced) obj.metadata.namespace ??= 'default';
  let out = applyDefaults(obj);
  if (out.kind === 'Job') out = defaultJobSelector(out, '3f1c0a52-7d3e-4b1a-9c2e-5a6b7c8d9e0f');
  return out;
}

function expand(doc: unknown): unknown[] {
  const d = doc as { kind?: string; items?: unknown[] };
  return d.kind === 'List' && Array.isArray(d.items) ? d.items : [doc];
}

/**
 * CORE.txt files a real API server rejects as well, with the causes it gives:
 * a sed template, a snippet without name or restartPolicy, and a Pod that sets
 * ephemeralContainers on create (the file says so itself).
 */
const REJECTED_CORE: Record<string, string[]> = {
  'application/job/job-tmpl.yaml': [
    'metadata.name',
    'metadata.labels',
    'metadata.labels',
    'spec.template.labels',
    'spec.template.labels',
  ],
  'controllers/job-success-policy-example.yaml': ['metadata.name', 'spec.template.spec.restartPolicy'],
  'pods/security/seccomp/fields.yaml': ['spec.ephemeralContainers'],
};

const coreFiles = present
  ? fs
      .readFileSync(`${ROOT}/CORE.txt`, 'utf8')
      .split('\n')
      .filter((f) => f && !(f in REJECTED_CORE))
  : [];

describe.skipIf(!present)('k8s documentation examples', () => {
  it('has a core corpus to check', () => {
    expect(coreFiles.length).toBeGreaterThan(300);
  });

  it.each(coreFiles)('%s defaults and validates with no causes', (file) => {
    for (const doc of documents(file).flatMap(expand)) {
      const obj = admit(doc);
      expect({ file, kind: obj.kind, name: obj.metadata.name, causes: validateObject(obj) }).toEqual({
        file,
        kind: obj.kind,
        name: obj.metadata.name,
        causes: [],
      });
    }
  });
});

describe.skipIf(!present)('CORE files a real API server rejects too', () => {
  it.each(Object.entries(REJECTED_CORE))('%s is rejected on %j', (file, fields) => {
    const causes = documents(file).flatMap((d) => validateObject(admit(d)));
    expect(causes.map((c) => c.field)).toEqual(fields);
  });

  it('the snippet Job is told exactly what upstream tells it', () => {
    const [doc] = documents('controllers/job-success-policy-example.yaml');
    expect(validateObject(admit(doc))).toEqual([
      {
        reason: 'FieldValueRequired',
        message: 'Required value: name or generateName is required',
        field: 'metadata.name',
      },
      {
        reason: 'FieldValueNotSupported',
        message: 'Unsupported value: "Always": supported values: "OnFailure", "Never"',
        field: 'spec.template.spec.restartPolicy',
      },
    ]);
  });
});

describe.skipIf(!present)('files NOTES.tsv flags as invalid', () => {
  it('pod-with-node-affinity.yaml (a list where an object belongs) is caught only by the schema validator', () => {
    const [doc] = documents('pods/pod-with-node-affinity.yaml');
    // Semantic validation reads the malformed field as absent and finds nothing:
    // the structural validator in core/api/schema is what rejects this file.
    expect(validateObject(admit(doc))).toEqual([]);
  });

  it('secret/serviceaccount/mysecretname.yaml: annotations given as a list', () => {
    const [doc] = documents('secret/serviceaccount/mysecretname.yaml');
    // The list is a schema error; the token Secret then lacks its required annotation.
    expect(validateObject(admit(doc))).toContainEqual({
      reason: 'FieldValueRequired',
      message: 'Required value',
      field: 'metadata.annotations[kubernetes.io/service-account.name]',
    });
  });

  it('pods/inject/pod-single-secret-env-variable.yaml lacks apiVersion: only the schema/decoder can reject it', () => {
    const [doc] = documents('pods/inject/pod-single-secret-env-variable.yaml') as { apiVersion?: string }[];
    expect(doc?.apiVersion).toBeUndefined();
  });
});
