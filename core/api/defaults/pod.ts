/**
 * PodSpec and container defaults (upstream `pkg/apis/core/v1/defaults.go`),
 * the Pod-only defaults (limits copied to missing requests, enableServiceLinks)
 * and the admission plugins that change every new Pod: ServiceAccount,
 * Priority and DefaultTolerationSeconds. The ServiceAccount token volume
 * (kube-api-access-xxxxx) needs a random suffix and is added elsewhere.
 */
import { def, ensure, get, items } from './util.ts';
import type { Obj } from './util.ts';

/** The tag kubelet would pull: "latest" when no tag and no digest is given. */
export function imageTag(image: string): string {
  if (image.includes('@')) {
    const beforeDigest = image.slice(0, image.indexOf('@'));
    return tagOf(beforeDigest);
  }
  return tagOf(image) || 'latest';
}

function tagOf(ref: string): string {
  const lastSlash = ref.lastIndexOf('/');
  const lastColon = ref.lastIndexOf(':');
  return lastColon > lastSlash ? ref.slice(lastColon + 1) : '';
}

function defaultProbe(probe: Obj | undefined): void {
  if (!probe) return;
  def(probe, 'timeoutSeconds', 1);
  def(probe, 'periodSeconds', 10);
  def(probe, 'successThreshold', 1);
  def(probe, 'failureThreshold', 3);
  defaultHandler(probe);
}

function defaultHandler(handler: Obj | undefined): void {
  const http = handler && get(handler, 'httpGet');
  if (!http) return;
  def(http, 'path', '/');
  def(http, 'scheme', 'HTTP');
}

function defaultEnv(c: Obj): void {
  for (const e of items(c, 'env')) {
    const from = get(e, 'valueFrom');
    const fieldRef = from && get(from, 'fieldRef');
    if (fieldRef) def(fieldRef, 'apiVersion', 'v1');
    const resourceRef = from && get(from, 'resourceFieldRef');
    if (resourceRef) def(resourceRef, 'divisor', '0');
  }
}

/** SetDefaults_Container plus the nested ports, probes and lifecycle handlers. */
export function defaultContainer(c: Obj, hostNetwork: boolean): void {
  if (!c['imagePullPolicy']) {
    c['imagePullPolicy'] =
      imageTag(typeof c['image'] === 'string' ? c['image'] : '') === 'latest' ? 'Always' : 'IfNotPresent';
  }
  def(c, 'terminationMessagePath', '/dev/termination-log');
  def(c, 'terminationMessagePolicy', 'File');
  // ResourceRequirements is a struct, so the API always prints `resources: {}`.
  ensure(c, 'resources');
  for (const p of items(c, 'ports')) {
    def(p, 'protocol', 'TCP');
    if (hostNetwork && !p['hostPort']) p['hostPort'] = p['containerPort'];
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(get(c, probe));
  const lifecycle = get(c, 'lifecycle');
  if (lifecycle) for (const hook of ['postStart', 'preStop']) defaultHandler(get(lifecycle, hook));
  defaultEnv(c);
}

const MODE_0644 = 420;

function defaultVolume(v: Obj): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  // A volume without a source is an emptyDir (SetDefaults_Volume).
  if (sources.length === 0) v['emptyDir'] = {};
  for (const kind of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const s = get(v, kind);
    if (s) def(s, 'defaultMode', MODE_0644);
  }
  const hostPath = get(v, 'hostPath');
  if (hostPath) def(hostPath, 'type', '');
  for (const d of items(get(v, 'downwardAPI'), 'items')) {
    const fieldRef = get(d, 'fieldRef');
    if (fieldRef) def(fieldRef, 'apiVersion', 'v1');
  }
  for (const source of items(get(v, 'projected'), 'sources')) {
    const token = get(source, 'serviceAccountToken');
    if (token) def(token, 'expirationSeconds', 3600);
  }
}

/** SetDefaults_PodSpec and everything nested in it (templates and Pods alike). */
export function defaultPodSpec(spec: Obj): void {
  def(spec, 'dnsPolicy', 'ClusterFirst');
  def(spec, 'restartPolicy', 'Always');
  ensure(spec, 'securityContext');
  def(spec, 'terminationGracePeriodSeconds', 30);
  def(spec, 'schedulerName', 'default-scheduler');
  const hostNetwork = spec['hostNetwork'] === true;
  for (const kind of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const c of items(spec, kind)) defaultContainer(c, hostNetwork && kind !== 'ephemeralContainers');
  }
  for (const v of items(spec, 'volumes')) defaultVolume(v);
}

/** A PodTemplateSpec inside a workload: pod spec defaults, and `creationTimestamp: null` as the API prints it. */
export function defaultPodTemplate(template: Obj): void {
  const meta = ensure(template, 'metadata');
  if (!('creationTimestamp' in meta)) meta['creationTimestamp'] = null;
  defaultPodSpec(ensure(template, 'spec'));
}

/** SetDefaults_Pod: only real Pods copy limits to missing requests. */
function defaultPodOnly(spec: Obj): void {
  for (const kind of ['containers', 'initContainers']) {
    for (const c of items(spec, kind)) {
      const resources = ensure(c, 'resources');
      const limits = get(resources, 'limits');
      if (!limits) continue;
      const requests = ensure(resources, 'requests');
      for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
    }
  }
  if (spec['enableServiceLinks'] === undefined) spec['enableServiceLinks'] = true;
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** DefaultTolerationSeconds admission: 300s NoExecute tolerations unless already tolerated. */
function defaultTolerations(spec: Obj): void {
  const tolerations = items(spec, 'tolerations');
  const tolerates = (key: string): boolean =>
    tolerations.some((t) => (t['key'] === key || !t['key']) && (t['effect'] === 'NoExecute' || !t['effect']));
  const added: Obj[] = [];
  for (const key of [NOT_READY, UNREACHABLE]) {
    if (!tolerates(key)) added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  if (added.length)
    spec['tolerations'] = [...(Array.isArray(spec['tolerations']) ? spec['tolerations'] : []), ...added];
}

/** Admission on create: ServiceAccount, Priority, DefaultTolerationSeconds. */
function admitPod(spec: Obj): void {
  if (!spec['serviceAccountName'])
    spec['serviceAccountName'] =
      typeof spec['serviceAccount'] === 'string' && spec['serviceAccount'] ? spec['serviceAccount'] : 'default';
  // The deprecated field mirrors the new one in every v1 response.
  spec['serviceAccount'] = spec['serviceAccountName'];
  if (!spec['priorityClassName']) def(spec, 'priority', 0);
  def(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  defaultTolerations(spec);
}

/** All defaults of a Pod; `create` adds what admission and the create strategy add. */
export function defaultPod(pod: Obj, create: boolean): void {
  const spec = ensure(pod, 'spec');
  defaultPodSpec(spec);
  defaultPodOnly(spec);
  if (create) admitPod(spec);
}
