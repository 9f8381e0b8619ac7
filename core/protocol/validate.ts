/**
 * Every message from the UI is checked before the host acts on it: the
 * renderer is untrusted (a page could be compromised), so a malformed
 * request gets a BadRequest Status, never an exception or a partial action.
 */
import * as status from '../api/status.ts';
import { isObject } from '../api/types.ts';
import type { Status } from '../api/types.ts';
import type { Request } from './messages.ts';

type Check = (v: unknown) => boolean;

const str: Check = (v) => typeof v === 'string';
const optStr: Check = (v) => v === undefined || typeof v === 'string';
const optBool: Check = (v) => v === undefined || typeof v === 'boolean';
const strArray: Check = (v) => Array.isArray(v) && v.length <= 4096 && v.every((x) => typeof x === 'string');
const ref: Check = (v) => isObject(v) && str(v.apiVersion) && str(v.kind) && str(v.name) && optStr(v.namespace);
/** Offered load: whole millicores, up to 1000 cores. */
const millicores: Check = (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1_000_000;
const fault: Check = (v) => {
  if (!isObject(v)) return false;
  if (v.component === 'scheduler' || v.component === 'controller-manager')
    return v.action === 'stop' || v.action === 'start';
  if (v.component === 'kubelet') return (v.action === 'stop' || v.action === 'start') && str(v.node);
  if (v.component === 'node')
    return v.action === 'add' || ((v.action === 'fail' || v.action === 'recover') && str(v.node));
  if (v.component === 'service')
    return v.action === 'load' && str(v.namespace) && str(v.name) && millicores(v.cpuMillis);
  return false;
};
/** A TCP/UDP/SCTP port number. */
const port: Check = (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535;
const optPort: Check = (v) => v === undefined || port(v);
const optProtocol: Check = (v) => v === undefined || v === 'TCP' || v === 'UDP' || v === 'SCTP';
/** Dotted IPv4, or IPv6 in its hex-and-colons form. */
const ip: Check = (v) =>
  typeof v === 'string' &&
  (/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(v) ||
    (v.length <= 45 && v.includes(':') && /^[0-9a-fA-F:.]+$/.test(v)));
const peerRef: Check = (v) =>
  isObject(v) && ((v.kind === 'pod' && str(v.namespace) && str(v.name)) || (v.kind === 'ip' && ip(v.ip)));
/** A label key: an optional DNS prefix and a name, as metadata validation allows (at most 253 + 1 + 63). */
const labelKey: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= 317;
const workspace: Check = (v) =>
  isObject(v) &&
  Array.isArray(v.tabs) &&
  v.tabs.length <= 100 &&
  v.tabs.every((t) => isObject(t) && str(t.id) && str(t.title) && str(t.text) && optStr(t.path)) &&
  optStr(v.activeTab) &&
  (v.locale === undefined || v.locale === 'en' || v.locale === 'zh-CN') &&
  (v.theme === undefined || v.theme === 'light' || v.theme === 'dark') &&
  optStr(v.activeLesson) &&
  (v.layout === undefined ||
    (isObject(v.layout) && Object.values(v.layout).every((n) => typeof n === 'number' && Number.isFinite(n))));

/** The fields each request type must have, beyond `id` and `type`. */
const SHAPES: Record<Request['type'], Record<string, Check>> = {
  hello: {},
  subscribe: {},
  apply: { yaml: str, dryRun: optBool, namespace: optStr },
  delete: { ref },
  get: { ref },
  describe: { ref },
  why: { ref },
  kubectl: {
    argv: strArray,
    namespace: optStr,
    files: (v) => v === undefined || (isObject(v) && Object.values(v).every((x) => typeof x === 'string')),
  },
  complete: { line: str, namespace: optStr },
  clock: {
    action: (v) => v === 'pause' || v === 'play' || v === 'step',
    speed: (v) => v === undefined || (typeof v === 'number' && v > 0 && v <= 3600),
  },
  fault: { fault },
  lessons: {},
  lesson: { lessonId: str },
  lessonStart: { lessonId: str, reset: optBool },
  saveWorkspace: { workspace },
  exportLab: {},
  importLab: { lab: str },
  netpolVerdict: { from: peerRef, to: peerRef, port: optPort, protocol: optProtocol },
  netpolMatrix: {
    namespace: optStr,
    groupBy: (v) => v === 'pod' || v === 'label',
    labelKey: (v) => v === undefined || labelKey(v),
    port: optPort,
    protocol: optProtocol,
    limit: (v) => v === undefined || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 500),
  },
  netpolOverlay: { pod: ref, port: optPort, protocol: optProtocol, allNamespaces: optBool },
};

/** Messages above this size are refused (a manifest, a workspace or a lab file is far smaller). */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

/** A checked request, or the Status to answer with (and the id, if one could be read). */
export function parseRequest(raw: unknown): { ok: true; request: Request } | { ok: false; id: number; status: Status } {
  const id = isObject(raw) && typeof raw.id === 'number' && Number.isSafeInteger(raw.id) ? raw.id : -1;
  if (!isObject(raw) || id < 0) return { ok: false, id, status: status.badRequest('a request needs a numeric id') };
  const shape = typeof raw.type === 'string' ? SHAPES[raw.type as Request['type']] : undefined;
  if (!shape) return { ok: false, id, status: status.badRequest(`unknown request type ${JSON.stringify(raw.type)}`) };
  for (const [field, check] of Object.entries(shape)) {
    if (!check(raw[field]))
      return { ok: false, id, status: status.badRequest(`${raw.type}: invalid field "${field}"`) };
  }
  if (raw.type === 'netpolMatrix' && raw.groupBy === 'label' && raw.labelKey === undefined)
    return { ok: false, id, status: status.badRequest('netpolMatrix: groupBy "label" needs a labelKey') };
  return { ok: true, request: raw as unknown as Request };
}
