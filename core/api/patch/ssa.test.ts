import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { serverSideApply, trackUpdate } from './ssa.ts';
import type { FieldOwnership, OwnedObject } from './ssa.ts';

const deploy = (spec: Record<string, unknown>, labels: Record<string, string> = { app: 'web' }): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels },
  spec,
});

const template = (containers: Record<string, unknown>[]) => ({ template: { spec: { containers } } });

function applied(r: ReturnType<typeof serverSideApply>): OwnedObject {
  if (!r.ok) throw new Error(r.status.message);
  return r.value;
}

describe('serverSideApply', () => {
  it('creates and records the manager as owner of every applied leaf', () => {
    const r = applied(serverSideApply(undefined, deploy({ replicas: 2 }), 'kubectl', false));
    expect(r.object.spec).toEqual({ replicas: 2 });
    expect(r.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        fields: ['.metadata.labels.app', '.spec.replicas'],
      },
    ]);
  });

  it('conflicts on a field another manager set to a different value, worded like upstream', () => {
    const live = deploy({ replicas: 3 });
    const owners: FieldOwnership = trackUpdate([], undefined, live, 'kubectl-client-side-apply');
    const r = serverSideApply(live, deploy({ replicas: 5 }), 'kubectl', false, owners);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-client-side-apply" using apps/v1',
            field: '.spec.replicas',
          },
        ],
      },
    });
  });

  it('shares ownership when values agree, and force takes the field over', () => {
    const live = deploy({ replicas: 3 });
    const owners = trackUpdate([], undefined, live, 'kubectl-edit');
    const same = applied(serverSideApply(live, deploy({ replicas: 3 }), 'kubectl', false, owners));
    expect(same.managedFields.find((e) => e.manager === 'kubectl-edit')?.fields).toContain('.spec.replicas');

    const forced = applied(serverSideApply(live, deploy({ replicas: 5 }), 'kubectl', true, owners));
    expect(forced.object.spec).toEqual({ replicas: 5 });
    expect(forced.managedFields.find((e) => e.manager === 'kubectl-edit')?.fields).not.toContain('.spec.replicas');
  });

  it("removes fields it applied before and no longer applies, keeping others' fields", () => {
    const first = applied(
      serverSideApply(
        undefined,
        deploy(
          template([
            { name: 'a', image: 'a:1' },
            { name: 'b', image: 'b:1' },
          ]),
          { app: 'web', tier: 'x' },
        ),
        'kubectl',
        false,
      ),
    );
    // Someone else adds an annotation and a container env var.
    const edited = structuredClone(first.object);
    edited.metadata.annotations = { note: 'hi' };
    const owners = trackUpdate(first.managedFields, first.object, edited, 'kubectl-annotate');
    const second = applied(
      serverSideApply(edited, deploy(template([{ name: 'a', image: 'a:2' }])), 'kubectl', false, owners),
    );
    expect(second.object.metadata.labels).toEqual({ app: 'web' });
    expect(second.object.metadata.annotations).toEqual({ note: 'hi' });
    expect(second.object.spec).toEqual(template([{ name: 'a', image: 'a:2' }]));
  });

  it('keeps a list element that another manager still holds a field of', () => {
    const first = applied(
      serverSideApply(
        undefined,
        deploy(
          template([
            { name: 'a', image: 'a:1' },
            { name: 'b', image: 'b:1' },
          ]),
        ),
        'kubectl',
        false,
      ),
    );
    const edited = structuredClone(first.object);
    (
      (edited.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers[1] ??
      {}
    ).args = ['x'];
    const owners = trackUpdate(first.managedFields, first.object, edited, 'kubectl-edit');
    const second = applied(
      serverSideApply(edited, deploy(template([{ name: 'a', image: 'a:1' }])), 'kubectl', false, owners),
    );
    expect(second.object.spec).toEqual(
      template([
        { name: 'a', image: 'a:1' },
        { name: 'b', args: ['x'] },
      ]),
    );
  });
});

describe('trackUpdate', () => {
  it('gives changed leaves to the writer and takes them from others', () => {
    const a = deploy({ replicas: 1 });
    const owners = trackUpdate([], undefined, a, 'creator', '2024-01-01T00:00:00Z');
    const b = deploy({ replicas: 2 });
    const next = trackUpdate(owners, a, b, 'scaler');
    expect(next).toEqual([
      {
        manager: 'creator',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: '2024-01-01T00:00:00Z',
        fields: ['.metadata.labels.app'],
      },
      { manager: 'scaler', operation: 'Update', apiVersion: 'apps/v1', fields: ['.spec.replicas'] },
    ]);
  });
});
