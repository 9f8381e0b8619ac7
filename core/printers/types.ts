/**
 * The meta.k8s.io/v1 Table shapes (apimachinery `pkg/apis/meta/v1/types.go`)
 * and the per-kind printer contract every column set implements.
 */
import type { KubeObject, ObjectMeta } from '../api/types.ts';

/** One column of a Table, as the server describes it to kubectl. */
export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  /** `name` marks the column kubectl prefixes with `kind/` when printing several types. */
  format: string;
  description: string;
  /** 0 = always shown; 1 = only with `-o wide`. */
  priority: number;
}

/** A cell is printed verbatim by kubectl: strings as-is, numbers and booleans via fmt.Sprint. */
export type TableCell = string | number | boolean | null;

/** A row condition; printPod marks finished pods `Completed` so clients can hide them. */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** meta.k8s.io/v1 PartialObjectMetadata, the default `rows[].object`. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** PartialObjectMetadata (default), the full object (`includeObject=Object`) or null (`None`). */
  object: PartialObjectMetadata | KubeObject | null;
}

/** meta.k8s.io/v1 Table. The caller fills `metadata.resourceVersion` (and `continue`). */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** How the row objects are filled, mirroring `?includeObject=`. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** A column set and the function that fills one row of it, like a printers.go handler. */
export interface Printer {
  columns: TableColumnDefinition[];
  /** All cells, wide ones included: the server always prints with `Wide: true`. */
  cells(obj: KubeObject, nowMs: number): TableCell[];
  conditions?(obj: KubeObject): TableRowCondition[] | undefined;
}

export const NAME_DOC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export const CREATION_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** A column definition; `w` columns have priority 1 (wide only). */
export function col(
  name: string,
  description: string,
  opts: { type?: string; wide?: boolean; format?: string } = {},
): TableColumnDefinition {
  return {
    name,
    type: opts.type ?? 'string',
    format: opts.format ?? '',
    description,
    priority: opts.wide ? 1 : 0,
  };
}

/** The `Name` column every printer starts with. */
export const nameCol = (): TableColumnDefinition => col('Name', NAME_DOC, { format: 'name' });
/** The `Age` column. */
export const ageCol = (): TableColumnDefinition => col('Age', CREATION_DOC);
/** The wide `Containers` / `Images` pair of workload printers. */
export const containerCols = (): TableColumnDefinition[] => [
  col('Containers', 'Names of each container in the template.', { wide: true }),
  col('Images', 'Images referenced by each container in the template.', { wide: true }),
];
