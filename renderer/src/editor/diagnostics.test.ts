import { describe, expect, it } from 'vitest';
import type { ApplyResponse } from '../../../core/protocol/index.ts';
import type { Status } from '../../../core/api/types.ts';
import { fieldErrors, locatePath, markersForApply, parseFieldPath } from './diagnostics.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  replicas: two
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: sidecar
        image: busybox
      - name: nginx
        imagePullPolice: Always
`;

function status(message: string, causes?: { field: string; message: string }[]): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    code: causes ? 422 : 400,
    reason: causes ? 'Invalid' : 'BadRequest',
    ...(causes ? { details: { causes } } : {}),
  };
}

function response(results: ApplyResponse['results'], parseErrors: ApplyResponse['parseErrors'] = []): ApplyResponse {
  return { ok: false, dryRun: true, results, parseErrors };
}

describe('field paths', () => {
  it('splits dots, list indices and map keys as the API server writes them', () => {
    expect(parseFieldPath('spec.template.spec.containers[0].image')).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'image',
    ]);
    expect(parseFieldPath('data[bad key]')).toEqual(['data', 'bad key']);
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
  });

  it('reads the fields out of Invalid causes, strict decoding errors and Go type errors', () => {
    const invalid = status('Deployment.apps "x" is invalid: …', [
      { field: 'spec.template.spec.containers[1].image', message: 'Required value' },
    ]);
    expect(fieldErrors(invalid)).toEqual([
      {
        path: ['spec', 'template', 'spec', 'containers', 1, 'image'],
        message: 'spec.template.spec.containers[1].image: Required value',
      },
    ]);
    const strict = status(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicaz", unknown field "spec.template.spec.containers[0].imagePullPolice"',
    );
    expect(fieldErrors(strict).map((f) => f.path)).toEqual([
      ['spec', 'replicaz'],
      ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolice'],
    ]);
    expect(fieldErrors(strict).every((f) => f.key)).toBe(true);
    const badKey = status('ConfigMap "e" is invalid: …', [
      { field: 'data[bad key]', message: 'Invalid value: "bad key"' },
    ]);
    expect(fieldErrors(badKey)[0]!.key).toBe(true);
    expect(fieldErrors(invalid)[0]!.key).toBeUndefined();
    const typed = status(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(fieldErrors(typed)).toEqual([{ path: ['spec', 'replicas'], message: typed.message }]);
    expect(fieldErrors(status('no matches for kind "Deployment" in version "v1"'))[0]!.path).toEqual(['kind']);
    expect(fieldErrors(status('namespaces "nope" not found'))[0]!.path).toEqual(['metadata', 'namespace']);
    expect(fieldErrors(status('something else'))[0]!.path).toEqual([]);
  });
});

describe('locating a field in the text', () => {
  it('marks a scalar value where it is', () => {
    // line 6 is "  replicas: two": the value starts at column 13.
    expect(locatePath(DEPLOYMENT, 0, ['spec', 'replicas'])).toEqual({
      startLineNumber: 6,
      startColumn: 13,
      endLineNumber: 6,
      endColumn: 16,
    });
  });

  it('follows list indices, and marks the key of a field whose value is a collection', () => {
    const r = locatePath(DEPLOYMENT, 0, ['spec', 'template', 'spec', 'containers', 1, 'imagePullPolice']);
    expect(r.startLineNumber).toBe(19);
    expect(r.startColumn).toBe(26);
    const labels = locatePath(DEPLOYMENT, 0, ['spec', 'template', 'metadata', 'labels']);
    expect([labels.startLineNumber, labels.startColumn, labels.endColumn]).toEqual([12, 7, 13]);
  });

  it("points a missing field at the deepest part that exists (the list item's first line)", () => {
    const r = locatePath(DEPLOYMENT, 0, ['spec', 'template', 'spec', 'containers', 1, 'image']);
    expect(r).toEqual({ startLineNumber: 18, startColumn: 9, endLineNumber: 18, endColumn: 20 });
  });

  it('searches every item when a Go type error leaves the index out', () => {
    expect(
      locatePath(DEPLOYMENT, 0, ['spec', 'template', 'spec', 'containers', 'imagePullPolice']).startLineNumber,
    ).toBe(19);
  });

  it('marks the key instead when the field name is what is wrong', () => {
    expect(locatePath(DEPLOYMENT, 0, ['spec', 'replicas'], true)).toEqual({
      startLineNumber: 6,
      startColumn: 3,
      endLineNumber: 6,
      endColumn: 11,
    });
  });

  it('counts documents as the host does, empty ones included', () => {
    // The yaml package (the host parses with it too): "---" opens an empty document 0, then document 1.
    const text = `---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  "bad key": x\n`;
    expect(locatePath(text, 1, ['data', 'bad key'])).toMatchObject({ startLineNumber: 8, startColumn: 14 });
    expect(locatePath(text, 1, ['data', 'bad key'], true)).toMatchObject({ startLineNumber: 8, startColumn: 3 });
    expect(locatePath(text, 1, [])).toMatchObject({ startLineNumber: 3, startColumn: 1, endColumn: 15 });
    expect(locatePath(text, 9, ['x'])).toMatchObject({ startLineNumber: 1 });
  });
});

describe('apply results as markers', () => {
  it('puts YAML syntax errors at their line and column', () => {
    const text = 'a: [\nb: 1\n';
    const markers = markersForApply(
      text,
      response([], [{ index: 0, line: 2, column: 1, message: 'error converting YAML to JSON: yaml: line 2: …' }]),
    );
    expect(markers).toEqual([
      {
        severity: 'error',
        message: 'error converting YAML to JSON: yaml: line 2: …',
        startLineNumber: 2,
        startColumn: 1,
        endLineNumber: 2,
        endColumn: 5,
      },
    ]);
  });

  it("puts each API error on its field in its own document, with the server's words", () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\n${DEPLOYMENT}`;
    const markers = markersForApply(
      text,
      response([
        {
          index: 1,
          line: 6,
          ref: 'deployment.apps/nginx-deployment',
          error: status('Deployment.apps "nginx-deployment" is invalid: …', [
            { field: 'spec.template.spec.containers[1].image', message: 'Required value' },
          ]),
        },
      ]),
    );
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({
      message: 'spec.template.spec.containers[1].image: Required value',
      startLineNumber: 5 + 18,
    });
  });

  it("uses the host's errorAt when the Status names no field", () => {
    const markers = markersForApply(
      DEPLOYMENT,
      response([{ index: 0, line: 1, ref: 'x', error: status('quota exceeded'), errorAt: { line: 4, column: 3 } }]),
    );
    expect(markers[0]).toMatchObject({ startLineNumber: 4, startColumn: 3, message: 'quota exceeded' });
  });
});
