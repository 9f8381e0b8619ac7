/**
 * `kubectl describe` for Service, Namespace, ConfigMap and Secret, after the
 * matching describers of kubectl `pkg/describe/describe.go` (kubectl 1.33).
 */
import type { KubeObject } from '../api/types.ts';
import { formatRFC1123Z } from './duration.ts';
import { intOrString, num, obj, objs, optStr, str, strMap, strs } from './json.ts';
import { formatLabels } from './labels.ts';
import {
  cmp,
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  type PrefixWriter,
} from './describeWriter.ts';
import { describeLimitRanges } from './describePolicy.ts';
import { joinHostPort } from './network.ts';
import { canonicalQuantity } from './quantity.ts';

/** Name, Namespace, Labels and Annotations, the opening lines of most describers. */
function header(w: PrefixWriter, o: KubeObject, namespaced = true): void {
  w.write(0, `Name:\t${o.metadata.name ?? ''}\n`);
  if (namespaced) w.write(0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', o.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', o.metadata.annotations);
}

export function describeServiceBody(
  w: PrefixWriter,
  svc: KubeObject,
  slices: KubeObject[],
  events: KubeObject[],
  nowMs: number,
): void {
  const spec = obj(svc, 'spec');
  header(w, svc);
  w.write(0, `Selector:\t${formatLabels(strMap(spec, 'selector'))}\n`);
  w.write(0, `Type:\t${str(spec, 'type')}\n`);
  if (str(spec, 'ipFamilyPolicy')) w.write(0, `IP Family Policy:\t${str(spec, 'ipFamilyPolicy')}\n`);
  w.write(0, `IP Families:\t${strs(spec, 'ipFamilies').join(',') || '<none>'}\n`);
  w.write(0, `IP:\t${str(spec, 'clusterIP')}\n`);
  w.write(0, `IPs:\t${strs(spec, 'clusterIPs').join(',') || '<none>'}\n`);
  if (strs(spec, 'externalIPs').length > 0) w.write(0, `External IPs:\t${strs(spec, 'externalIPs').join(',')}\n`);
  if (str(spec, 'loadBalancerIP')) w.write(0, `Desired LoadBalancer IP:\t${str(spec, 'loadBalancerIP')}\n`);
  if (str(spec, 'externalName')) w.write(0, `External Name:\t${str(spec, 'externalName')}\n`);
  const ingress = objs(obj(obj(svc, 'status'), 'loadBalancer'), 'ingress');
  if (ingress.length > 0) {
    const list = ingress.map((i) =>
      str(i, 'ip') ? `${str(i, 'ip')}${str(i, 'ipMode') ? ` (${str(i, 'ipMode')})` : ''}` : str(i, 'hostname'),
    );
    w.write(0, `LoadBalancer Ingress:\t${list.join(', ')}\n`);
  }
  for (const p of objs(spec, 'ports')) {
    const name = str(p, 'name') || '<unset>';
    const protocol = str(p, 'protocol') || 'TCP';
    w.write(0, `Port:\t${name}\t${num(p, 'port')}/${protocol}\n`);
    w.write(0, `TargetPort:\t${intOrString(p, 'targetPort') || num(p, 'port')}/${protocol}\n`);
    if (num(p, 'nodePort') !== 0) w.write(0, `NodePort:\t${name}\t${num(p, 'nodePort')}/${protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, str(p, 'name'))}\n`);
  }
  w.write(0, `Session Affinity:\t${str(spec, 'sessionAffinity')}\n`);
  if (str(spec, 'externalTrafficPolicy'))
    w.write(0, `External Traffic Policy:\t${str(spec, 'externalTrafficPolicy')}\n`);
  if (str(spec, 'internalTrafficPolicy'))
    w.write(0, `Internal Traffic Policy:\t${str(spec, 'internalTrafficPolicy')}\n`);
  if (num(spec, 'healthCheckNodePort') !== 0)
    w.write(0, `HealthCheck NodePort:\t${num(spec, 'healthCheckNodePort')}\n`);
  if (strs(spec, 'loadBalancerSourceRanges').length > 0) {
    w.write(0, `LoadBalancer Source Ranges:\t${strs(spec, 'loadBalancerSourceRanges').join(',')}\n`);
  }
  describeEvents(w, events, nowMs);
}

/** formatEndpointSlices for one service port name: ready `ip:port`s, three at most. */
export function formatEndpointSlices(slices: KubeObject[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  const add = (text: string): void => {
    if (list.length < 3) list.push(text);
    count++;
  };
  for (const slice of slices) {
    const ready = objs(slice, 'endpoints').filter((e) => obj(e, 'conditions')['ready'] !== false);
    const ports = objs(slice, 'ports');
    if (ports.length === 0) {
      for (const e of ready) add(strs(e, 'addresses')[0] ?? '');
      continue;
    }
    for (const port of ports.filter((p) => (optStr(p, 'name') ?? '') === portName)) {
      for (const e of ready) add(joinHostPort(strs(e, 'addresses')[0] ?? '', num(port, 'port')));
    }
  }
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

export interface NamespaceRelated {
  resourceQuotas?: KubeObject[];
  limitRanges?: KubeObject[];
}

export function describeNamespaceBody(w: PrefixWriter, ns: KubeObject, related: NamespaceRelated): void {
  header(w, ns, false);
  w.write(0, `Status:\t${str(obj(ns, 'status'), 'phase')}\n`);
  const conditions = objs(obj(ns, 'status'), 'conditions');
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        1,
        `${str(c, 'type')}\t${str(c, 'status')}\t${formatRFC1123Z(c['lastTransitionTime'])}\t${str(c, 'reason')}\t${str(c, 'message')}\n`,
      );
    }
  }
  w.write(0, '\n');
  writeQuotas(w, related.resourceQuotas ?? []);
  w.write(0, '\n');
  const limitRanges = related.limitRanges ?? [];
  if (limitRanges.length === 0) {
    w.write(0, 'No LimitRange resource.\n');
    return;
  }
  w.write(0, 'Resource Limits\n');
  describeLimitRanges(w, limitRanges, ' ');
}

function writeQuotas(w: PrefixWriter, quotas: KubeObject[]): void {
  if (quotas.length === 0) {
    w.write(0, 'No resource quota.\n');
    return;
  }
  w.write(0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => cmp(a.metadata.name ?? '', b.metadata.name ?? ''))) {
    w.write(1, `Name:\t${q.metadata.name ?? ''}\n`);
    w.write(1, 'Resource\tUsed\tHard\n');
    w.write(1, '--------\t---\t---\n');
    const hard = strMap(obj(q, 'status'), 'hard');
    const used = strMap(obj(q, 'status'), 'used');
    for (const r of Object.keys(hard).sort()) {
      w.write(1, `${r}\t${canonicalQuantity(used[r] ?? '0')}\t${canonicalQuantity(hard[r] ?? '0')}\n`);
    }
  }
}

export function describeConfigMapBody(w: PrefixWriter, cm: KubeObject, events: KubeObject[], nowMs: number): void {
  header(w, cm);
  w.write(0, '\nData\n====\n');
  const data = strMap(cm, 'data');
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${data[k] ?? ''}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  const binary = strMap(cm, 'binaryData');
  for (const k of Object.keys(binary).sort()) w.write(0, `${k}: ${base64Length(binary[k] ?? '')} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, events, nowMs);
}

/** Decoded length of base64 text, without decoding it. */
function base64Length(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - pad;
}

export function describeSecretBody(w: PrefixWriter, secret: KubeObject): void {
  header(w, secret);
  w.write(0, `\nType:\t${str(secret, 'type')}\n`);
  w.write(0, '\nData\n====\n');
  const data = strMap(secret, 'data');
  for (const k of Object.keys(data).sort()) {
    // Service account tokens are shown in full, as kubectl does; everything else only by size.
    if (k === 'token' && str(secret, 'type') === 'kubernetes.io/service-account-token')
      w.write(0, `${k}:\t${decodeBase64(data[k] ?? '')}\n`);
    else w.write(0, `${k}:\t${base64Length(data[k] ?? '')} bytes\n`);
  }
}

function decodeBase64(b64: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const ch of b64.replace(/[\s=]/g, '')) {
    acc = (acc << 6) | alphabet.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}
