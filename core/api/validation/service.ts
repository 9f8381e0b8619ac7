/**
 * Service validation (upstream ValidateService / ValidateServiceUpdate) plus
 * the nodePort range check the allocator performs at create time.
 */
import type { StatusCause } from '../types.ts';
import { GoValue, child, fe, goStringSlice, index } from './field.ts';
import { list, map, mapOr, num, str } from './json.ts';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { isQualifiedName, isValidPortName, isValidPortNum, nameIsDNS1035Label, isDNS1123Subdomain } from './names.ts';
import { validateDNS1123Label } from './container.ts';

type Obj = Record<string, unknown>;

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
/** The default --service-node-port-range. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

const clusterIPs = (spec: Obj): string[] => {
  const ips = list(spec['clusterIPs']).map(str);
  const ip = str(spec['clusterIP']);
  return ips.length ? ips : ip ? [ip] : [];
};
const isHeadless = (spec: Obj): boolean => clusterIPs(spec)[0] === 'None';

function validatePort(p: Obj, requireName: boolean, names: Set<string>, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  const name = str(p['name']);
  if (requireName && !name) errs.push(fe.required(child(path, 'name')));
  else if (name) {
    errs.push(...validateDNS1123Label(name, child(path, 'name')));
    if (names.has(name)) errs.push(fe.duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  const port = num(p['port']) ?? 0;
  errs.push(...isValidPortNum(port).map((m) => fe.invalid(child(path, 'port'), port, m)));
  const protocol = str(p['protocol']);
  if (!protocol) errs.push(fe.required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(fe.notSupported(child(path, 'protocol'), protocol, PROTOCOLS));
  const target = p['targetPort'];
  if (typeof target === 'number')
    errs.push(...isValidPortNum(target).map((m) => fe.invalid(child(path, 'targetPort'), target, m)));
  else errs.push(...isValidPortName(str(target)).map((m) => fe.invalid(child(path, 'targetPort'), str(target), m)));
  const appProtocol = p['appProtocol'];
  if (typeof appProtocol === 'string')
    errs.push(...isQualifiedName(appProtocol).map((m) => fe.invalid(child(path, 'appProtocol'), appProtocol, m)));
  return errs;
}

function validateTypeSpecific(spec: Obj, type: string): StatusCause[] {
  const errs: StatusCause[] = [];
  const ips = clusterIPs(spec);
  if ((type === 'LoadBalancer' || type === 'NodePort') && isHeadless(spec)) {
    errs.push(fe.invalid('spec.clusterIPs[0]', ips[0] ?? '', `may not be set to 'None' for ${type} services`));
  }
  if (type === 'ExternalName') {
    if (ips.length) errs.push(fe.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (list(spec['ipFamilies']).length)
      errs.push(fe.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec['ipFamilyPolicy'] !== undefined)
      errs.push(fe.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = str(spec['externalName']).replace(/\.$/, '');
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => fe.invalid('spec.externalName', cname, m)));
    else errs.push(fe.required('spec.externalName'));
  }
  return errs;
}

function validateNodePorts(type: string, ports: Obj[]): StatusCause[] {
  const errs: StatusCause[] = [];
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const nodePort = num(p['nodePort']) ?? 0;
    const path = child(index('spec.ports', i), 'nodePort');
    if (nodePort === 0) return;
    if (type === 'ClusterIP') errs.push(fe.forbidden(path, "may not be used when `type` is 'ClusterIP'"));
    else if (nodePort < NODE_PORT_RANGE.min || nodePort > NODE_PORT_RANGE.max) {
      errs.push(
        fe.invalid(
          path,
          nodePort,
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`,
        ),
      );
    }
    const key = `${str(p['protocol'])}/${nodePort}`;
    if (seen.has(key)) errs.push(fe.duplicate(path, nodePort));
    seen.add(key);
  });
  return errs;
}

function validateTrafficPolicies(spec: Obj, type: string): StatusCause[] {
  const errs: StatusCause[] = [];
  const external = str(spec['externalTrafficPolicy']);
  const accessible =
    type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && list(spec['externalIPs']).length > 0);
  if (!accessible && external)
    errs.push(fe.invalid('spec.externalTrafficPolicy', external, 'may only be set for externally-accessible services'));
  if (accessible && !external) errs.push(fe.required('spec.externalTrafficPolicy'));
  if (accessible && external && external !== 'Cluster' && external !== 'Local')
    errs.push(fe.notSupported('spec.externalTrafficPolicy', external, ['Cluster', 'Local']));
  const internal = spec['internalTrafficPolicy'];
  if (internal === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(type))
    errs.push(fe.required('spec.internalTrafficPolicy'));
  if (internal !== undefined && internal !== 'Cluster' && internal !== 'Local')
    errs.push(fe.notSupported('spec.internalTrafficPolicy', str(internal), ['Cluster', 'Local']));
  if (spec['allocateLoadBalancerNodePorts'] !== undefined && type !== 'LoadBalancer') {
    errs.push(fe.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && spec['allocateLoadBalancerNodePorts'] === undefined)
    errs.push(fe.required('allocateLoadBalancerNodePorts'));
  return errs;
}

function validateServiceSpec(spec: Obj): StatusCause[] {
  const errs: StatusCause[] = [];
  const type = str(spec['type']);
  const ports = list(spec['ports']).map(mapOr);
  if (ports.length === 0 && !isHeadless(spec) && type !== 'ExternalName') errs.push(fe.required('spec.ports'));
  errs.push(...validateTypeSpecific(spec, type));
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validatePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (map(spec['selector'])) errs.push(...validateLabels(spec['selector'], 'spec.selector'));
  const affinity = str(spec['sessionAffinity']);
  if (!affinity) errs.push(fe.required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None')
    errs.push(fe.notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  if (affinity === 'None' && spec['sessionAffinityConfig'] !== undefined)
    errs.push(fe.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  if (!type) errs.push(fe.required('spec.type'));
  else if (!TYPES.includes(type)) errs.push(fe.notSupported('spec.type', type, TYPES));
  errs.push(...validateNodePorts(type, ports));
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${str(p['protocol'])}/${num(p['port']) ?? 0}`;
    if (seen.has(key))
      errs.push(
        fe.duplicate(
          index('spec.ports', i),
          new GoValue(
            `core.ServicePort{Name:"", Protocol:${JSON.stringify(str(p['protocol']))}, AppProtocol:(*string)(nil), Port:${num(p['port']) ?? 0}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
          ),
        ),
      );
    seen.add(key);
  });
  errs.push(...validateTrafficPolicies(spec, type));
  return errs;
}

/** validateUpgradeDowngradeClusterIPs: an allocated cluster IP may not change. */
function clusterIPUpdate(spec: Obj, old: Obj): StatusCause[] {
  if (str(spec['type']) === 'ExternalName' || str(old['type']) === 'ExternalName') return [];
  if (isHeadless(spec) && isHeadless(old)) return [];
  const next = clusterIPs(spec);
  const prev = clusterIPs(old);
  const shown = goStringSlice(next.length ? next : undefined);
  if (prev.length === next.length) {
    return prev.flatMap((ip, i) =>
      ip !== next[i] ? [fe.invalid(index('spec.clusterIPs', i), shown, 'may not change once set')] : [],
    );
  }
  if (prev.length > next.length) {
    if (next.length === 0) return [fe.invalid('spec.clusterIPs[0]', shown, 'primary clusterIP can not be unset')];
    if (next[0] !== prev[0]) return [fe.invalid('spec.clusterIPs[0]', shown, 'may not change once set')];
    return [];
  }
  return prev.length && next[0] !== prev[0] ? [fe.invalid('spec.clusterIPs[0]', shown, 'may not change once set')] : [];
}

export function validateService(obj: Obj, old?: Obj): StatusCause[] {
  const spec = mapOr(obj['spec']);
  const errs = old ? validateObjectMetaUpdate(obj['metadata'], old['metadata']) : [];
  if (old) errs.push(...clusterIPUpdate(spec, mapOr(old['spec'])));
  errs.push(...validateObjectMeta(obj['metadata'], true, nameIsDNS1035Label));
  errs.push(...validateServiceSpec(spec));
  return errs;
}
