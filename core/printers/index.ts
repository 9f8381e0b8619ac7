/**
 * Public surface of the printers: the Table that `kubectl get` prints, the
 * text `kubectl describe` prints, and the age helpers both use.
 */
export { tableFor, printerFor, asPartialObjectMetadata, type TableOptions } from './table.ts';
export { describe, type DescribeRelated } from './describe.ts';
export { humanDuration, translateTimestampSince, formatRFC1123Z } from './duration.ts';
export { podStatusReason } from './pod.ts';
export type {
  IncludeObject,
  PartialObjectMetadata,
  Printer,
  Table,
  TableCell,
  TableColumnDefinition,
  TableRow,
  TableRowCondition,
} from './types.ts';
