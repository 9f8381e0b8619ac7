/**
 * The per-container blocks of describe pod and pod templates
 * (describeContainers and its helpers in kubectl `pkg/describe/describe.go`,
 * kubectl 1.33): image, ports, command, state, resources, probes,
 * environment and mounts.
 */
import type { KubeObject } from '../api/types.ts';
import { formatRFC1123Z } from './duration.ts';
import { goBool, isRecord, num, obj, objs, optBool, optNum, optObj, str, strMap, strs, type J } from './json.ts';
import { cmp, type PrefixWriter } from './describeWriter.ts';
import { canonicalQuantity, parseQuantity } from './quantity.ts';

/** describeContainers: one block per container; `statuses` is empty for templates. */
export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: J[],
  statuses: J[] | null,
  space: string,
  pod?: KubeObject,
): void {
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = statuses?.find((s) => str(s, 'name') === str(c, 'name'));
    w.write(1, `${space ? ' ' : ''}${str(c, 'name')}:\n`);
    if (status) w.write(2, `Container ID:\t${str(status, 'containerID')}\n`);
    w.write(2, `Image:\t${str(c, 'image')}\n`);
    if (status) w.write(2, `Image ID:\t${str(status, 'imageID')}\n`);
    writePorts(w, objs(c, 'ports'));
    writeCommand(w, c);
    if (status) describeContainerState(w, status);
    describeResources(w, obj(c, 'resources'), 2);
    writeProbes(w, c);
    writeEnvFrom(w, objs(c, 'envFrom'));
    writeEnv(w, c, pod);
    writeMounts(w, c);
  }
}

function writePorts(w: PrefixWriter, ports: J[]): void {
  // kubectl 1.33 prints ports without their names (1.37 adds ` (name)`).
  const fmt = (p: J, field: string): string => `${num(p, field)}/${str(p, 'protocol') || 'TCP'}`;
  const portText = ports.map((p) => fmt(p, 'containerPort')).join(', ');
  const hostText = ports.map((p) => fmt(p, 'hostPort')).join(', ');
  w.write(2, portText.includes(',') ? `Ports:\t${portText}\n` : `Port:\t${portText || '<none>'}\n`);
  w.write(2, hostText.includes(',') ? `Host Ports:\t${hostText}\n` : `Host Port:\t${hostText || '<none>'}\n`);
}

function writeCommand(w: PrefixWriter, c: J): void {
  for (const [field, title] of [
    ['command', 'Command'],
    ['args', 'Args'],
  ] as const) {
    const parts = strs(c, field);
    if (parts.length === 0) continue;
    w.write(2, `${title}:\n`);
    for (const part of parts) for (const line of part.split('\n')) w.write(3, `${line}\n`);
  }
}

function describeContainerState(w: PrefixWriter, status: J): void {
  describeState(w, 'State', obj(status, 'state'));
  const last = obj(status, 'lastState');
  if (optObj(last, 'terminated')) describeState(w, 'Last State', last);
  w.write(2, `Ready:\t${optBool(status, 'ready') ? 'True' : 'False'}\n`);
  w.write(2, `Restart Count:\t${num(status, 'restartCount')}\n`);
}

function describeState(w: PrefixWriter, name: string, state: J): void {
  const running = optObj(state, 'running');
  const waiting = optObj(state, 'waiting');
  const terminated = optObj(state, 'terminated');
  if (running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${formatRFC1123Z(str(running, 'startedAt'))}\n`);
  } else if (waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (str(waiting, 'reason')) w.write(3, `Reason:\t${str(waiting, 'reason')}\n`);
  } else if (terminated) {
    w.write(2, `${name}:\tTerminated\n`);
    if (str(terminated, 'reason')) w.write(3, `Reason:\t${str(terminated, 'reason')}\n`);
    if (str(terminated, 'message')) w.write(3, `Message:\t${str(terminated, 'message')}\n`);
    w.write(3, `Exit Code:\t${num(terminated, 'exitCode')}\n`);
    if (num(terminated, 'signal') > 0) w.write(3, `Signal:\t${num(terminated, 'signal')}\n`);
    w.write(3, `Started:\t${formatRFC1123Z(str(terminated, 'startedAt'))}\n`);
    w.write(3, `Finished:\t${formatRFC1123Z(str(terminated, 'finishedAt'))}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

/** Limits then Requests, resource names sorted. */
export function describeResources(w: PrefixWriter, resources: J, level: number): void {
  for (const [field, title] of [
    ['limits', 'Limits'],
    ['requests', 'Requests'],
  ] as const) {
    const list = strMap(resources, field);
    const names = Object.keys(list).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${canonicalQuantity(list[n] ?? '')}\n`);
  }
}

function writeProbes(w: PrefixWriter, c: J): void {
  for (const [field, title] of [
    ['livenessProbe', 'Liveness'],
    ['readinessProbe', 'Readiness'],
    ['startupProbe', 'Startup'],
  ] as const) {
    const probe = optObj(c, field);
    if (probe) w.write(2, `${title}:\t${describeProbe(probe)}\n`);
  }
}

/** DescribeProbe as kubectl 1.33 words it: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: J): string {
  const attrs = `delay=${num(p, 'initialDelaySeconds')}s timeout=${optNum(p, 'timeoutSeconds') ?? 1}s period=${optNum(p, 'periodSeconds') ?? 10}s #success=${optNum(p, 'successThreshold') ?? 1} #failure=${optNum(p, 'failureThreshold') ?? 3}`;
  const exec = optObj(p, 'exec');
  if (exec) return `exec [${strs(exec, 'command').join(' ')}] ${attrs}`;
  const http = optObj(p, 'httpGet');
  if (http) {
    const port = isRecord(http) ? String(http['port'] ?? '') : '';
    const scheme = (str(http, 'scheme') || 'HTTP').toLowerCase();
    const host = port ? `${str(http, 'host')}:${port}` : str(http, 'host');
    return `http-get ${scheme}://${host}${str(http, 'path')} ${attrs}`;
  }
  const tcp = optObj(p, 'tcpSocket');
  if (tcp) return `tcp-socket ${str(tcp, 'host')}:${String(tcp['port'] ?? '')} ${attrs}`;
  const grpc = optObj(p, 'grpc');
  if (grpc) return `grpc <pod>:${num(grpc, 'port')} ${str(grpc, 'service')} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeEnvFrom(w: PrefixWriter, envFrom: J[]): void {
  if (envFrom.length === 0) return;
  w.write(2, 'Environment Variables from:\n');
  for (const e of envFrom) {
    const ref = optObj(e, 'configMapRef') ?? optObj(e, 'secretRef');
    const from = optObj(e, 'configMapRef') ? 'ConfigMap' : optObj(e, 'secretRef') ? 'Secret' : '';
    const optional = goBool(optBool(ref, 'optional'));
    const prefix = str(e, 'prefix');
    w.write(3, `${str(ref, 'name')}\t${from}${prefix ? ` with prefix '${prefix}'` : ''}\tOptional: ${optional}\n`);
  }
}

function writeEnv(w: PrefixWriter, c: J, pod: KubeObject | undefined): void {
  const env = objs(c, 'env');
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = optObj(e, 'valueFrom');
    if (!from) {
      str(e, 'value')
        .split('\n')
        .forEach((line, i) => w.write(3, i === 0 ? `${str(e, 'name')}:\t${line}\n` : `\t${line}\n`));
      continue;
    }
    const field = optObj(from, 'fieldRef');
    const resource = optObj(from, 'resourceFieldRef');
    const secret = optObj(from, 'secretKeyRef');
    const cm = optObj(from, 'configMapKeyRef');
    if (field) {
      // Templates have no pod to read from, so the value stays empty, as upstream.
      const value = pod ? podFieldValue(pod, str(field, 'fieldPath')) : '';
      w.write(3, `${str(e, 'name')}:\t${value} (${str(field, 'apiVersion') || 'v1'}:${str(field, 'fieldPath')})\n`);
    } else if (resource) {
      w.write(3, `${str(e, 'name')}:\t${resourceFieldValue(c, resource)} (${str(resource, 'resource')})\n`);
    } else if (secret)
      w.write(
        3,
        `${str(e, 'name')}:\t<set to the key '${str(secret, 'key')}' in secret '${str(secret, 'name')}'>\tOptional: ${goBool(optBool(secret, 'optional'))}\n`,
      );
    else if (cm)
      w.write(
        3,
        `${str(e, 'name')}:\t<set to the key '${str(cm, 'key')}' of config map '${str(cm, 'name')}'>\tOptional: ${goBool(optBool(cm, 'optional'))}\n`,
      );
  }
}

function writeMounts(w: PrefixWriter, c: J): void {
  const mounts = objs(c, 'volumeMounts');
  w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of [...mounts].sort((a, b) => cmp(str(a, 'mountPath'), str(b, 'mountPath')))) {
    const flags = [optBool(m, 'readOnly') ? 'ro' : 'rw'];
    if (str(m, 'subPath')) flags.push(`path=${JSON.stringify(str(m, 'subPath'))}`);
    w.write(3, `${str(m, 'mountPath')} from ${str(m, 'name')} (${flags.join(',')})\n`);
  }
  const devices = objs(c, 'volumeDevices');
  if (devices.length > 0) {
    w.write(2, 'Devices:\n');
    for (const d of [...devices].sort((a, b) => cmp(str(a, 'devicePath'), str(b, 'devicePath')))) {
      w.write(3, `${str(d, 'devicePath')} from ${str(d, 'name')}\n`);
    }
  }
}

/** fieldpath.ExtractFieldPathAsString for the downward-API paths pods use. */
function podFieldValue(pod: KubeObject, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2] ?? ''] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
    case 'spec.serviceAccountName':
      return str(obj(pod, 'spec'), path.slice('spec.'.length));
    case 'status.podIP':
    case 'status.hostIP':
      return str(obj(pod, 'status'), path.slice('status.'.length));
    default:
      return '';
  }
}

/** A resourceFieldRef value: the quantity divided by the divisor, rounded up; unset limits mean node allocatable. */
function resourceFieldValue(c: J, ref: J): string {
  const resource = str(ref, 'resource');
  const [kind, name] = resource.split('.') as [string, string | undefined];
  const text = strMap(obj(c, 'resources'), kind)[name ?? ''];
  const value = text === undefined ? 0 : (parseQuantity(text)?.milli ?? 0);
  const divisor = parseQuantity(str(ref, 'divisor') || '1')?.milli ?? 1000;
  const result = String(Math.ceil(value / divisor));
  return result === '0' && (resource === 'limits.cpu' || resource === 'limits.memory') ? 'node allocatable' : result;
}
