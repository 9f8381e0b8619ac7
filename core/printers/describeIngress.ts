/**
 * `kubectl describe` for Ingress and IngressClass, after kubectl
 * `pkg/describe/describe.go` (describeIngressV1, describeBackendV1,
 * describeIngressClassV1; kubectl 1.33). A backend reads its Service and that
 * Service's EndpointSlices: `web:80 (10.244.1.5:80,10.244.2.6:80)`, or
 * `web:80 (<error: services "web" not found>)`.
 */
import type { KubeObject } from '../api/types.ts';
import { formatEndpointSlices } from './describeCore.ts';
import {
  describeEvents,
  printAnnotationsMultiline,
  printLabelsMultiline,
  type PrefixWriter,
} from './describeWriter.ts';
import { num, obj, objs, optObj, optStr, str, strs, type J } from './json.ts';
import { loadBalancerIngress } from './network.ts';

/** What an Ingress's backends are described from: the Services and EndpointSlices of its namespace. */
export interface IngressRelated {
  services: KubeObject[];
  endpointSlices: KubeObject[];
}

/** serviceBackendStringer: `name:port` (the port number, or its name). */
function serviceBackend(svc: J): string {
  const port = obj(svc, 'port');
  return `${str(svc, 'name')}:${num(port, 'number') !== 0 ? String(num(port, 'number')) : str(port, 'name')}`;
}

/** describeBackendV1. */
function describeBackend(backend: J, related: IngressRelated): string {
  const svcRef = optObj(backend, 'service');
  if (svcRef) {
    const sb = serviceBackend(svcRef);
    const name = str(svcRef, 'name');
    const svc = related.services.find((s) => s.metadata.name === name);
    if (!svc) return `${sb} (<error: services "${name}" not found>)`;
    const want = obj(svcRef, 'port');
    let spName = '';
    for (const sp of objs(obj(svc, 'spec'), 'ports')) {
      if (num(want, 'number') !== 0 && num(want, 'number') === num(sp, 'port')) spName = str(sp, 'name');
      else if (str(want, 'name') !== '' && str(want, 'name') === str(sp, 'name')) spName = str(sp, 'name');
    }
    const slices = related.endpointSlices.filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
    return `${sb} (${formatEndpointSlices(slices, spName)})`;
  }
  const res = optObj(backend, 'resource');
  if (res)
    return `APIGroup: ${optStr(res, 'apiGroup') ?? '<none>'}, Kind: ${str(res, 'kind')}, Name: ${str(res, 'name')}`;
  return '';
}

export function describeIngressBody(
  w: PrefixWriter,
  ing: KubeObject,
  related: IngressRelated,
  events: KubeObject[],
  nowMs: number,
): void {
  const spec = obj(ing, 'spec');
  w.write(0, `Name:\t${ing.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ing.metadata.labels);
  w.write(0, `Namespace:\t${ing.metadata.namespace ?? ''}\n`);
  w.write(0, `Address:\t${loadBalancerIngress(obj(obj(ing, 'status'), 'loadBalancer'))}\n`);
  w.write(0, `Ingress Class:\t${optStr(spec, 'ingressClassName') ?? '<none>'}\n`);
  const def = optObj(spec, 'defaultBackend');
  const defaultBackend = def ? describeBackend(def, related) : '<default>';
  w.write(0, `Default backend:\t${defaultBackend}\n`);
  const tls = objs(spec, 'tls');
  if (tls.length > 0) {
    w.write(0, 'TLS:\n');
    for (const t of tls) {
      const hosts = strs(t, 'hosts').join(',');
      if (str(t, 'secretName') === '') w.write(1, `SNI routes ${hosts}\n`);
      else w.write(1, `${str(t, 'secretName')} terminates ${hosts}\n`);
    }
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of objs(spec, 'rules')) {
    const http = optObj(rule, 'http');
    if (!http) continue;
    count++;
    w.write(1, `${str(rule, 'host') || '*'}\t\n`);
    for (const p of objs(http, 'paths')) {
      w.write(2, `\t${str(p, 'path')} \t${describeBackend(obj(p, 'backend'), related)}\n`);
    }
  }
  if (count === 0) w.write(1, `*\t*\t${defaultBackend}\n`);
  printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations);
  describeEvents(w, events, nowMs);
}

export function describeIngressClassBody(w: PrefixWriter, ic: KubeObject, events: KubeObject[], nowMs: number): void {
  const spec = obj(ic, 'spec');
  w.write(0, `Name:\t${ic.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ic.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ic.metadata.annotations);
  w.write(0, `Controller:\t${str(spec, 'controller')}\n`);
  const params = optObj(spec, 'parameters');
  if (params) {
    w.write(0, 'Parameters:\n');
    const group = optStr(params, 'apiGroup');
    if (group !== undefined) w.write(1, `APIGroup:\t${group}\n`);
    w.write(1, `Kind:\t${str(params, 'kind')}\n`);
    w.write(1, `Name:\t${str(params, 'name')}\n`);
  }
  describeEvents(w, events, nowMs);
}
