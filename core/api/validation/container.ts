/**
 * Container checks shared by regular and init containers (upstream
 * `validateContainerCommon`, ports, env, volume mounts, resources, probes).
 */
import type { StatusCause } from '../types.ts';
import { IS_NEGATIVE, child, fe, index } from './field.ts';
import { list, map, mapOr, num, str } from './json.ts';
import { validateNonnegative } from './meta.ts';
import {
  isConfigMapKey,
  isDNS1123Label,
  isEnvVarName,
  isHTTPHeaderName,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
} from './names.ts';
import { canonical, compareQuantity, formatQuantity, parseQuantity } from './quantity.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

export function validateDNS1123Label(value: string, path: string): StatusCause[] {
  return isDNS1123Label(value).map((m) => fe.invalid(path, value, m));
}

function validatePorts(ports: unknown, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  const names = new Set<string>();
  list(ports).forEach((raw, i) => {
    const p = mapOr(raw);
    const at = index(path, i);
    const name = str(p['name']);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...msgs.map((m) => fe.invalid(child(at, 'name'), name, m)));
      else if (names.has(name)) errs.push(fe.duplicate(child(at, 'name'), name));
      else names.add(name);
    }
    const containerPort = num(p['containerPort']) ?? 0;
    if (containerPort === 0) errs.push(fe.required(child(at, 'containerPort')));
    else
      errs.push(...isValidPortNum(containerPort).map((m) => fe.invalid(child(at, 'containerPort'), containerPort, m)));
    const hostPort = num(p['hostPort']) ?? 0;
    if (hostPort !== 0)
      errs.push(...isValidPortNum(hostPort).map((m) => fe.invalid(child(at, 'hostPort'), hostPort, m)));
    const protocol = str(p['protocol']);
    if (!protocol) errs.push(fe.required(child(at, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(fe.notSupported(child(at, 'protocol'), protocol, PROTOCOLS));
  });
  return errs;
}

function validateKeySelector(ref: Record<string, unknown>, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  const name = str(ref['name']);
  errs.push(...nameIsDNSSubdomain(name, false).map((m) => fe.invalid(child(path, 'name'), name, m)));
  const key = str(ref['key']);
  if (!key) errs.push(fe.required(child(path, 'key')));
  else errs.push(...isConfigMapKey(key).map((m) => fe.invalid(child(path, 'key'), key, m)));
  return errs;
}

function validateEnv(env: unknown, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  list(env).forEach((raw, i) => {
    const e = mapOr(raw);
    const at = index(path, i);
    const name = str(e['name']);
    if (!name) errs.push(fe.required(child(at, 'name')));
    else errs.push(...isEnvVarName(name).map((m) => fe.invalid(child(at, 'name'), name, m)));
    const from = map(e['valueFrom']);
    if (!from) return;
    const fromPath = child(at, 'valueFrom');
    const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((s) => map(from[s]));
    for (const s of ['configMapKeyRef', 'secretKeyRef']) {
      const ref = map(from[s]);
      if (ref) errs.push(...validateKeySelector(ref, child(fromPath, s)));
    }
    if (sources.length === 0)
      errs.push(
        fe.invalid(
          fromPath,
          '',
          'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        ),
      );
    else if (str(e['value'])) errs.push(fe.invalid(fromPath, '', 'may not be specified when `value` is not empty'));
    else if (sources.length > 1)
      errs.push(fe.invalid(fromPath, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  const mountPoints = new Set<string>();
  list(mounts).forEach((raw, i) => {
    const m = mapOr(raw);
    const at = index(path, i);
    const name = str(m['name']);
    const mountPath = str(m['mountPath']);
    if (!name) errs.push(fe.required(child(at, 'name')));
    if (!volumes.has(name)) errs.push(fe.notFound(child(at, 'name'), name));
    if (!mountPath) errs.push(fe.required(child(at, 'mountPath')));
    if (mountPoints.has(mountPath)) errs.push(fe.invalid(child(at, 'mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
  });
  return errs;
}

function validateResourceName(name: string, path: string): StatusCause[] {
  const errs = isQualifiedName(name).map((m) => fe.invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
    errs.push(fe.invalid(path, name, 'must be a standard resource for containers'));
  }
  return errs;
}

/** ValidateContainerResourceRequirements: names, non-negative values, requests ≤ limits. */
export function validateResources(resources: unknown, path: string): StatusCause[] {
  const r = mapOr(resources);
  const limits = mapOr(r['limits']);
  const requests = mapOr(r['requests']);
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const errs: StatusCause[] = [];
  for (const [name, raw] of Object.entries(limits)) {
    errs.push(...validateResourceName(name, index(limPath, name)));
    errs.push(...validateQuantityValue(raw, index(limPath, name)));
  }
  for (const [name, raw] of Object.entries(requests)) {
    errs.push(...validateResourceName(name, index(reqPath, name)));
    errs.push(...validateQuantityValue(raw, index(reqPath, name)));
    const request = parseQuantity(raw);
    const limit = parseQuantity(limits[name]);
    // IsOvercommitAllowed: native (unprefixed or kubernetes.io/) and not hugepages.
    const overcommit = !name.startsWith('hugepages-') && (!name.includes('/') || name.includes('kubernetes.io/'));
    if (!(name in limits) && !overcommit)
      errs.push(fe.required(limPath, 'Limit must be set for non overcommitable resources'));
    if (!request || !limit) continue;
    if (!overcommit && compareQuantity(request, limit) !== 0) {
      errs.push(
        fe.invalid(reqPath, formatQuantity(request), `must be equal to ${name} limit of ${formatQuantity(limit)}`),
      );
    } else if (compareQuantity(request, limit) > 0) {
      errs.push(
        fe.invalid(
          reqPath,
          formatQuantity(request),
          `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`,
        ),
      );
    }
  }
  return errs;
}

function validateQuantityValue(raw: unknown, path: string): StatusCause[] {
  const q = parseQuantity(raw);
  // An unparsable quantity is a decode error upstream (400), found by the schema validator.
  if (!q) return [];
  return q.nano < 0n ? [fe.invalid(path, canonical(raw), IS_NEGATIVE)] : [];
}

function validatePortNumOrName(port: unknown, path: string): StatusCause[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fe.invalid(path, port, m));
  const name = str(port);
  return isValidPortName(name).map((m) => fe.invalid(path, name, m));
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'];

/** validateHandler: exactly one handler type, each valid in itself. */
export function validateHandler(
  handler: Record<string, unknown>,
  path: string,
  allowed: readonly string[],
): StatusCause[] {
  const errs: StatusCause[] = [];
  let count = 0;
  for (const kind of HANDLERS) {
    const h = allowed.includes(kind) ? map(handler[kind]) : undefined;
    if (!h) continue;
    if (count > 0) {
      errs.push(fe.forbidden(child(path, kind), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    errs.push(...validateHandlerKind(kind, h, child(path, kind)));
  }
  if (count === 0) errs.push(fe.required(path, 'must specify a handler type'));
  return errs;
}

function validateHandlerKind(kind: string, h: Record<string, unknown>, path: string): StatusCause[] {
  switch (kind) {
    case 'exec':
      return list(h['command']).length === 0 ? [fe.required(child(path, 'command'))] : [];
    case 'httpGet': {
      const errs: StatusCause[] = [];
      if (!str(h['path'])) errs.push(fe.required(child(path, 'path')));
      errs.push(...validatePortNumOrName(h['port'], child(path, 'port')));
      const scheme = str(h['scheme']);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS')
        errs.push(fe.notSupported(child(path, 'scheme'), scheme, ['HTTP', 'HTTPS']));
      for (const header of list(h['httpHeaders'])) {
        const name = str(mapOr(header)['name']);
        errs.push(...isHTTPHeaderName(name).map((m) => fe.invalid(child(path, 'httpHeaders'), name, m)));
      }
      return errs;
    }
    case 'tcpSocket':
      return validatePortNumOrName(h['port'], child(path, 'port'));
    case 'grpc':
      return validatePortNumOrName(num(h['port']) ?? 0, child(path, 'port'));
    default:
      return [];
  }
}

/** validateProbe plus the per-kind rule (liveness and startup need successThreshold 1). */
export function validateProbe(probe: unknown, kind: 'liveness' | 'readiness' | 'startup', path: string): StatusCause[] {
  const p = map(probe);
  if (!p) return [];
  const errs = validateHandler(p, path, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegative(p[f], child(path, f)));
  }
  const grace = num(p['terminationGracePeriodSeconds']);
  if (grace !== undefined && grace <= 0)
    errs.push(fe.invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must be greater than 0'));
  if (kind === 'readiness' && grace !== undefined) {
    errs.push(fe.invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must not be set for readinessProbes'));
  }
  const success = num(p['successThreshold']);
  if (kind !== 'readiness' && success !== undefined && success !== 1) {
    errs.push(fe.invalid(child(path, 'successThreshold'), success, 'must be 1'));
  }
  return errs;
}

/** validateContainerCommon: name, image, message policy, ports, env, mounts, pull policy, resources. */
export function validateContainerCommon(c: Record<string, unknown>, volumes: Set<string>, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  const name = str(c['name']);
  if (!name) errs.push(fe.required(child(path, 'name')));
  else errs.push(...validateDNS1123Label(name, child(path, 'name')));
  if (!str(c['image'])) errs.push(fe.required(child(path, 'image')));
  const policy = str(c['terminationMessagePolicy']);
  if (!policy) errs.push(fe.required(child(path, 'terminationMessagePolicy')));
  else if (policy !== 'File' && policy !== 'FallbackToLogsOnError') {
    errs.push(fe.notSupported(child(path, 'terminationMessagePolicy'), policy, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validatePorts(c['ports'], child(path, 'ports')));
  errs.push(...validateEnv(c['env'], child(path, 'env')));
  errs.push(...validateVolumeMounts(c['volumeMounts'], volumes, child(path, 'volumeMounts')));
  const pull = str(c['imagePullPolicy']);
  if (!pull) errs.push(fe.required(child(path, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull))
    errs.push(fe.notSupported(child(path, 'imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResources(c['resources'], child(path, 'resources')));
  return errs;
}

/** Probes and lifecycle of a container that may have them (regular or restartable init). */
export function validateProbesAndLifecycle(c: Record<string, unknown>, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  const lifecycle = map(c['lifecycle']);
  for (const hook of ['postStart', 'preStop']) {
    const h = map(lifecycle?.[hook]);
    if (h) errs.push(...validateHandler(h, child(path, 'lifecycle', hook), ['exec', 'httpGet', 'tcpSocket', 'sleep']));
  }
  errs.push(...validateProbe(c['livenessProbe'], 'liveness', child(path, 'livenessProbe')));
  errs.push(...validateProbe(c['readinessProbe'], 'readiness', child(path, 'readinessProbe')));
  errs.push(...validateProbe(c['startupProbe'], 'startup', child(path, 'startupProbe')));
  return errs;
}
