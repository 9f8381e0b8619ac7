/**
 * Defaults of the non-workload kinds: Service (plus the IP family fields the
 * Service REST layer fills), storage, Secret, Namespace, NetworkPolicy,
 * StorageClass, HorizontalPodAutoscaler and Event.
 */
import { def, ensure, get, items } from './util.ts';
import type { Obj } from './util.ts';

/** SetDefaults_Service plus the single-stack IPv4 family fields of the registry. */
export function defaultService(spec: Obj): void {
  def(spec, 'sessionAffinity', 'None');
  if (spec['sessionAffinity'] === 'None') delete spec['sessionAffinityConfig'];
  if (spec['sessionAffinity'] === 'ClientIP') {
    const clientIP = ensure(ensure(spec, 'sessionAffinityConfig'), 'clientIP');
    def(clientIP, 'timeoutSeconds', 10800);
  }
  def(spec, 'type', 'ClusterIP');
  const type = spec['type'];
  for (const p of items(spec, 'ports')) {
    def(p, 'protocol', 'TCP');
    if (p['targetPort'] === undefined || p['targetPort'] === 0 || p['targetPort'] === '') p['targetPort'] = p['port'];
  }
  const externalIPs = Array.isArray(spec['externalIPs']) && spec['externalIPs'].length > 0;
  const accessible = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && externalIPs);
  if (accessible) def(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')
    def(spec, 'internalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') def(spec, 'allocateLoadBalancerNodePorts', true);
  if (type !== 'ExternalName') defaultIPFamilies(spec);
}

/** The lab's cluster is single-stack IPv4. Headless services without a selector ask for dual stack. */
function defaultIPFamilies(spec: Obj): void {
  const headlessNoSelector = spec['clusterIP'] === 'None' && Object.keys(get(spec, 'selector') ?? {}).length === 0;
  def(spec, 'ipFamilyPolicy', headlessNoSelector ? 'RequireDualStack' : 'SingleStack');
  if (!Array.isArray(spec['ipFamilies']) || spec['ipFamilies'].length === 0) spec['ipFamilies'] = ['IPv4'];
}

export function defaultPVCSpec(spec: Obj): void {
  def(spec, 'volumeMode', 'Filesystem');
}

export function defaultPVC(pvc: Obj, create: boolean): void {
  defaultPVCSpec(ensure(pvc, 'spec'));
  if (create) def(ensure(pvc, 'status'), 'phase', 'Pending');
}

export function defaultPV(pv: Obj, create: boolean): void {
  const spec = ensure(pv, 'spec');
  def(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  def(spec, 'volumeMode', 'Filesystem');
  const hostPath = get(spec, 'hostPath');
  if (hostPath) def(hostPath, 'type', '');
  if (create) def(ensure(pv, 'status'), 'phase', 'Pending');
}

/** Base64 of UTF-8 text, without relying on btoa or Buffer. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += alphabet[(n >> 18) & 63] ?? '';
    out += alphabet[(n >> 12) & 63] ?? '';
    out += i + 1 < bytes.length ? (alphabet[(n >> 6) & 63] ?? '') : '=';
    out += i + 2 < bytes.length ? (alphabet[n & 63] ?? '') : '=';
  }
  return out;
}

/** Type Opaque; `stringData` is folded into `data`, as v1 → internal conversion does. */
export function defaultSecret(secret: Obj): void {
  def(secret, 'type', 'Opaque');
  const stringData = get(secret, 'stringData');
  if (!stringData) return;
  const data = ensure(secret, 'data');
  for (const [k, v] of Object.entries(stringData)) data[k] = base64(String(v));
  delete secret['stringData'];
}

export function defaultNamespace(ns: Obj, create: boolean): void {
  const meta = ensure(ns, 'metadata');
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  if (name) ensure(meta, 'labels')['kubernetes.io/metadata.name'] = name;
  if (!create) return;
  // The create strategy requires the kubernetes finalizer; it may be removed later.
  const spec = ensure(ns, 'spec');
  const finalizers = Array.isArray(spec['finalizers']) ? spec['finalizers'] : [];
  if (!finalizers.includes('kubernetes')) spec['finalizers'] = [...finalizers, 'kubernetes'];
  ensure(ns, 'status')['phase'] = 'Active';
}

export function defaultNetworkPolicy(spec: Obj): void {
  for (const rule of [...items(spec, 'ingress'), ...items(spec, 'egress')]) {
    for (const port of items(rule, 'ports')) def(port, 'protocol', 'TCP');
  }
  if (!Array.isArray(spec['policyTypes']) || spec['policyTypes'].length === 0) {
    const hasEgress = Array.isArray(spec['egress']) && spec['egress'].length > 0;
    spec['policyTypes'] = hasEgress ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}

export function defaultStorageClass(sc: Obj): void {
  def(sc, 'reclaimPolicy', 'Delete');
  def(sc, 'volumeBindingMode', 'Immediate');
}

const SCALE_UP = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};
const SCALE_DOWN = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };

/** autoscaling/v2: minReplicas 1, CPU at 80% when no metric is given, behavior rules filled in. */
export function defaultHPA(spec: Obj, v2: boolean): void {
  def(spec, 'minReplicas', 1);
  if (!v2) return;
  if (!Array.isArray(spec['metrics']) || spec['metrics'].length === 0) {
    spec['metrics'] = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
    ];
  }
  const behavior = get(spec, 'behavior');
  if (!behavior) return;
  behavior['scaleUp'] = { ...structuredCopy(SCALE_UP), ...(get(behavior, 'scaleUp') ?? {}) };
  const down = get(behavior, 'scaleDown') ?? {};
  behavior['scaleDown'] = { stabilizationWindowSeconds: 300, ...structuredCopy(SCALE_DOWN), ...down };
}

function structuredCopy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** core/v1 Event: the reporting fields are not omitempty, so they always print. */
export function defaultEvent(event: Obj): void {
  def(event, 'reportingComponent', '');
  def(event, 'reportingInstance', '');
}
