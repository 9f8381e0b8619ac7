/**
 * An object as YAML: as stored (managedFields hidden, as `kubectl get -o yaml`
 * does since 1.21) for the YAML tab, and as a manifest to edit (the fields the
 * server sets removed, status dropped) for "Load into editor".
 */
import { stringify } from 'yaml';
import type { KubeObject } from '../../../core/api/types.ts';

/** Metadata the server owns; an edited manifest should not carry them back. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'ownerReferences',
] as const;

const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'];

const toYaml = (value: unknown): string => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });

/** The object as the YAML tab shows it. */
export function objectYaml(o: KubeObject): string {
  const { managedFields: _hidden, ...metadata } = o.metadata;
  return toYaml({ ...o, metadata });
}

/** The object as a manifest to edit and apply again. */
export function manifestYaml(o: KubeObject): string {
  const { status: _status, ...rest } = o;
  const metadata: Record<string, unknown> = { ...o.metadata };
  for (const k of SERVER_METADATA) delete metadata[k];
  const annotations = Object.fromEntries(
    Object.entries(o.metadata.annotations ?? {}).filter(([k]) => !SERVER_ANNOTATIONS.includes(k)),
  );
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  return toYaml({ ...rest, metadata });
}

/** `nginx-deployment.yaml`, the editor tab's title. */
export function fileName(o: { kind: string; metadata: { name?: string } }): string {
  return `${o.metadata.name ?? o.kind.toLowerCase()}.yaml`;
}
