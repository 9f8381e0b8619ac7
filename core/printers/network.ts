/**
 * Column sets of the networking kinds: Service, Endpoints, EndpointSlice,
 * Ingress, IngressClass, NetworkPolicy, ServiceCIDR, IPAddress. Mirrors
 * upstream printers.go (printService, formatEndpoints, formatHosts...).
 */
import type { KubeObject } from '../api/types.ts';
import { translateTimestampSince } from './duration.ts';
import { formatLabels, formatLabelSelector } from './labels.ts';
import { num, obj, objs, optNum, optObj, optStr, str, strMap, strs, type J } from './json.ts';
import { ageCol, col, nameCol, type Printer } from './types.ts';

const age = (o: KubeObject, nowMs: number): string => translateTimestampSince(o.metadata.creationTimestamp, nowMs);
const name = (o: KubeObject): string => o.metadata.name ?? '';
const spec = (o: KubeObject): J => obj(o, 'spec');
const MAX_LISTED = 3;

/** net.JoinHostPort: IPv6 addresses get brackets. */
export const joinHostPort = (host: string, port: number | string): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

/** `a,b,c`, `a,b,c + 2 more...`, or `<unset>` when nothing was listed. */
function listWithMore(list: string[], count: number): string {
  const ret = list.join(',');
  if (count > MAX_LISTED && list.length === MAX_LISTED) return `${ret} + ${count - MAX_LISTED} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** Load-balancer ingress points: unique IPs (or hostnames), sorted, comma-joined. */
export function loadBalancerIngress(lbStatus: J): string {
  const set = new Set<string>();
  for (const ing of objs(lbStatus, 'ingress')) {
    const v = str(ing, 'ip') || str(ing, 'hostname');
    if (v !== '') set.add(v);
  }
  // The server prints tables wide, so the 16-character clip of narrow output never applies.
  return [...set].sort().join(',');
}

/** External-IP: `<none>`, `<pending>`, the LB ingress, externalIPs, or the external name. */
export function serviceExternalIP(svc: KubeObject): string {
  const s = spec(svc);
  const externalIPs = strs(s, 'externalIPs');
  switch (str(s, 'type') || 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(obj(obj(svc, 'status'), 'loadBalancer'));
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb !== '' ? lb : '<pending>';
    }
    case 'ExternalName':
      return str(s, 'externalName');
    default:
      return '<unknown>';
  }
}

/** Port(s): `80/TCP`, `80:30080/TCP`, comma-joined. */
export function servicePorts(svc: KubeObject): string {
  return objs(spec(svc), 'ports')
    .map((p) => {
      const protocol = str(p, 'protocol') || 'TCP';
      const nodePort = num(p, 'nodePort');
      return nodePort > 0 ? `${num(p, 'port')}:${nodePort}/${protocol}` : `${num(p, 'port')}/${protocol}`;
    })
    .join(',');
}

export const servicePrinter: Printer = {
  columns: [
    nameCol(),
    col('Type', 'type determines how the Service is exposed.'),
    col('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    col(
      'External-IP',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
    ),
    col('Port(s)', 'The list of ports that are exposed by this service.'),
    ageCol(),
    col('Selector', 'Route service traffic to pods with label keys and values matching this selector.', { wide: true }),
  ],
  cells(o, nowMs) {
    const s = spec(o);
    return [
      name(o),
      str(s, 'type') || 'ClusterIP',
      strs(s, 'clusterIPs')[0] ?? '<none>',
      serviceExternalIP(o),
      servicePorts(o) || '<none>',
      age(o, nowMs),
      formatLabels(strMap(s, 'selector')),
    ];
  },
};

/** formatEndpoints: `ip:port` for every port of every subset, three at most. */
export function formatEndpoints(ep: KubeObject): string {
  const subsets = objs(ep, 'subsets');
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  const push = (v: string): void => {
    if (list.length < MAX_LISTED) list.push(v);
  };
  for (const ss of subsets) {
    const addresses = objs(ss, 'addresses').map((a) => str(a, 'ip'));
    const ports = objs(ss, 'ports');
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      addresses.forEach(push);
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const ip of addresses) push(joinHostPort(ip, num(port, 'port')));
    }
  }
  const ret = list.join(',');
  return count > MAX_LISTED ? `${ret} + ${count - MAX_LISTED} more...` : ret;
}

export const endpointsPrinter: Printer = {
  columns: [nameCol(), col('Endpoints', 'The set of all endpoints is the union of all subsets.'), ageCol()],
  cells: (o, nowMs) => [name(o), formatEndpoints(o), age(o, nowMs)],
};

function sliceEndpoints(o: KubeObject): string {
  const addresses = objs(o, 'endpoints').flatMap((e) => strs(e, 'addresses'));
  return listWithMore(addresses.slice(0, MAX_LISTED), addresses.length);
}

function slicePorts(o: KubeObject): string {
  const ports = objs(o, 'ports').map((p) => {
    const port = optNum(p, 'port');
    return port !== undefined ? String(port) : (optStr(p, 'name') ?? '*');
  });
  return listWithMore(ports.slice(0, MAX_LISTED), ports.length);
}

export const endpointSlicePrinter: Printer = {
  columns: [
    nameCol(),
    col('AddressType', 'addressType specifies the type of address carried by this EndpointSlice.'),
    col('Ports', 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
    col('Endpoints', 'endpoints is a list of unique endpoints in this slice.'),
    ageCol(),
  ],
  cells: (o, nowMs) => [name(o), str(o, 'addressType'), slicePorts(o), sliceEndpoints(o), age(o, nowMs)],
};

/** Hosts of the rules, three at most, `*` when none names a host (formatHosts). */
function formatHosts(rules: J[]): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === MAX_LISTED) more = true;
    if (!more && str(rule, 'host') !== '') list.push(str(rule, 'host'));
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${rules.length - MAX_LISTED} more...` : list.join(',');
}

export const ingressPrinter: Printer = {
  columns: [
    nameCol(),
    col('Class', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'Ports of TLS configurations that open'),
    ageCol(),
  ],
  cells(o, nowMs) {
    const s = spec(o);
    return [
      name(o),
      optStr(s, 'ingressClassName') ?? '<none>',
      formatHosts(objs(s, 'rules')),
      loadBalancerIngress(obj(obj(o, 'status'), 'loadBalancer')),
      objs(s, 'tls').length > 0 ? '80, 443' : '80',
      age(o, nowMs),
    ];
  },
};

export const ingressClassPrinter: Printer = {
  columns: [
    nameCol(),
    col('Controller', 'Controller that is responsible for handling this class'),
    col('Parameters', 'A reference to a resource with additional parameters'),
    ageCol(),
  ],
  cells(o, nowMs) {
    const params = optObj(spec(o), 'parameters');
    let parameters = '<none>';
    if (params) {
      const group = optStr(params, 'apiGroup');
      parameters = `${str(params, 'kind')}${group !== undefined ? `.${group}` : ''}/${str(params, 'name')}`;
    }
    return [name(o), str(spec(o), 'controller'), parameters, age(o, nowMs)];
  },
};

export const networkPolicyPrinter: Printer = {
  columns: [nameCol(), col('Pod-Selector', 'Selects the pods to which this NetworkPolicy object applies.'), ageCol()],
  cells: (o, nowMs) => [name(o), formatLabelSelector(obj(spec(o), 'podSelector')), age(o, nowMs)],
};

export const serviceCIDRPrinter: Printer = {
  columns: [
    nameCol(),
    col('CIDRs', 'CIDRs defines the IP blocks in CIDR notation from which to assign service cluster IPs.'),
    ageCol(),
  ],
  cells: (o, nowMs) => [name(o), strs(spec(o), 'cidrs').join(','), age(o, nowMs)],
};

export const ipAddressPrinter: Printer = {
  columns: [nameCol(), col('ParentRef', 'ParentRef references the resource that an IPAddress is attached to.')],
  cells(o) {
    const ref = optObj(spec(o), 'parentRef');
    if (!ref) return [name(o), '<none>'];
    const group = str(ref, 'group');
    const gr = (group ? `${str(ref, 'resource')}.${group}` : str(ref, 'resource')).toLowerCase();
    const ns = str(ref, 'namespace');
    return [name(o), `${gr}${ns ? `/${ns}` : ''}/${str(ref, 'name')}`];
  },
};
