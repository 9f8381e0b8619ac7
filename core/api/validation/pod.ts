/**
 * PodSpec, Pod and PodTemplateSpec validation (upstream
 * `pkg/apis/core/validation/validation.go`: ValidatePodSpec, ValidateVolumes,
 * validateContainers, ValidateTolerations, node affinity). Security contexts,
 * topology spread, DNS config and resource claims are not checked here.
 */
import type { StatusCause } from '../types.ts';
import { child, fe, index } from './field.ts';
import { list, map, mapOr, num, str } from './json.ts';
import { validateAnnotations, validateLabels, validateObjectMeta } from './meta.ts';
import { validateNodeAffinity, validateTolerations } from './scheduling.ts';
import { inclusiveRangeError, nameIsDNSSubdomain } from './names.ts';
import { validateContainerCommon, validateDNS1123Label, validateProbesAndLifecycle } from './container.ts';

/** Volume source fields in upstream's checking order; the second one found is "more than 1". */
const VOLUME_SOURCES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'quobyte',
  'downwardAPI',
  'fc',
  'flexVolume',
  'configMap',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'storageos',
  'projected',
  'scaleIO',
  'csi',
  'ephemeral',
  'image',
];

/** ValidateVolumes: returns the valid volume names (mounts may only refer to those) and the errors. */
export function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errs: StatusCause[] } {
  const names = new Set<string>();
  const errs: StatusCause[] = [];
  list(volumes).forEach((raw, i) => {
    const v = mapOr(raw);
    const at = index(path, i);
    const name = str(v['name']);
    const el = validateVolumeSource(v, at);
    if (!name) el.push(fe.required(child(at, 'name')));
    else el.push(...validateDNS1123Label(name, child(at, 'name')));
    if (names.has(name)) el.push(fe.duplicate(child(at, 'name'), name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

function validateVolumeSource(v: Record<string, unknown>, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  let count = 0;
  for (const source of VOLUME_SOURCES) {
    const s = map(v[source]);
    if (!s) continue;
    if (count++ > 0) {
      errs.push(fe.forbidden(child(path, source), 'may not specify more than 1 volume type'));
      continue;
    }
    errs.push(...validateOneSource(source, s, child(path, source)));
  }
  if (count === 0) errs.push(fe.required(path, 'must specify a volume type'));
  return errs;
}

function validateOneSource(source: string, s: Record<string, unknown>, path: string): StatusCause[] {
  switch (source) {
    case 'hostPath':
      return str(s['path']) ? [] : [fe.required(child(path, 'path'))];
    case 'persistentVolumeClaim':
      return str(s['claimName']) ? [] : [fe.required(child(path, 'claimName'))];
    case 'secret': {
      const name = str(s['secretName']);
      return name
        ? nameIsDNSSubdomain(name, false).map((m) => fe.invalid(child(path, 'secretName'), name, m))
        : [fe.required(child(path, 'secretName'))];
    }
    case 'configMap': {
      const name = str(s['name']);
      return name
        ? nameIsDNSSubdomain(name, false).map((m) => fe.invalid(child(path, 'name'), name, m))
        : [fe.required(child(path, 'name'))];
    }
    case 'nfs': {
      const errs: StatusCause[] = [];
      if (!str(s['server'])) errs.push(fe.required(child(path, 'server')));
      const p = str(s['path']);
      if (!p) errs.push(fe.required(child(path, 'path')));
      else if (!p.startsWith('/')) errs.push(fe.invalid(child(path, 'path'), p, 'must be an absolute path'));
      return errs;
    }
    default:
      return [];
  }
}

function validateContainers(spec: Record<string, unknown>, volumes: Set<string>, path: string): StatusCause[] {
  const containers = list(spec['containers']);
  const cPath = child(path, 'containers');
  if (containers.length === 0) return [fe.required(cPath)];
  const errs: StatusCause[] = [];
  const names = new Set<string>();
  containers.forEach((raw, i) => {
    const c = mapOr(raw);
    const at = index(cPath, i);
    errs.push(...validateContainerCommon(c, volumes, at));
    const name = str(c['name']);
    if (names.has(name)) errs.push(fe.duplicate(child(at, 'name'), name));
    else names.add(name);
    errs.push(...validateProbesAndLifecycle(c, at));
    if (c['restartPolicy'] !== undefined)
      errs.push(fe.forbidden(child(at, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, cPath));
  return errs;
}

function validateInitContainers(spec: Record<string, unknown>, volumes: Set<string>, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  const names = new Set(list(spec['containers']).map((c) => str(mapOr(c)['name'])));
  const icPath = child(path, 'initContainers');
  list(spec['initContainers']).forEach((raw, i) => {
    const c = mapOr(raw);
    const at = index(icPath, i);
    errs.push(...validateContainerCommon(c, volumes, at));
    const policy = c['restartPolicy'];
    if (policy !== undefined && policy !== 'Always')
      errs.push(fe.notSupported(child(at, 'restartPolicy'), str(policy), ['Always']));
    const name = str(c['name']);
    if (names.has(name)) errs.push(fe.duplicate(child(at, 'name'), name));
    else if (name) names.add(name);
    errs.push(...hostPortConflicts([c], icPath));
    if (policy === 'Always') errs.push(...validateProbesAndLifecycle(c, at));
    else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f] !== undefined)
          errs.push(fe.forbidden(child(at, f), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** AccumulateUniqueHostPorts: `protocol/hostIP/port` may appear once. */
function hostPortConflicts(containers: unknown[], path: string): StatusCause[] {
  const seen = new Set<string>();
  const errs: StatusCause[] = [];
  containers.forEach((raw, ci) => {
    list(mapOr(raw)['ports']).forEach((p, pi) => {
      const port = mapOr(p);
      const hostPort = num(port['hostPort']) ?? 0;
      if (hostPort === 0) return;
      const key = `${str(port['protocol'])}/${str(port['hostIP'])}/${hostPort}`;
      if (seen.has(key)) errs.push(fe.duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

function validateEnum(value: unknown, path: string, allowed: string[]): StatusCause[] {
  const v = str(value);
  if (!v) return [fe.required(path)];
  return allowed.includes(v) ? [] : [fe.notSupported(path, v, allowed)];
}

/** ValidatePodSpec. */
export function validatePodSpec(specRaw: unknown, path: string): StatusCause[] {
  const spec = mapOr(specRaw);
  const errs: StatusCause[] = [];
  if (spec['terminationGracePeriodSeconds'] === undefined)
    errs.push(fe.required(child(path, 'terminationGracePeriodSeconds')));
  const volumes = validateVolumes(spec['volumes'], child(path, 'volumes'));
  errs.push(...volumes.errs);
  errs.push(...validateContainers(spec, volumes.names, path));
  errs.push(...validateInitContainers(spec, volumes.names, path));
  errs.push(...validateEnum(spec['restartPolicy'], child(path, 'restartPolicy'), RESTART_POLICIES));
  errs.push(...validateEnum(spec['dnsPolicy'], child(path, 'dnsPolicy'), DNS_POLICIES));
  errs.push(...validateLabels(spec['nodeSelector'], child(path, 'nodeSelector')));
  errs.push(...validateNodeAffinity(spec['affinity'], child(path, 'affinity')));
  errs.push(...validateNamedRefs(spec, path));
  const deadline = num(spec['activeDeadlineSeconds']);
  if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) {
    errs.push(fe.invalid(child(path, 'activeDeadlineSeconds'), deadline, inclusiveRangeError(1, 2147483647)));
  }
  for (const f of ['hostname', 'subdomain']) {
    if (str(spec[f])) errs.push(...validateDNS1123Label(str(spec[f]), child(path, f)));
  }
  errs.push(...validateTolerations(spec['tolerations'], child(path, 'tolerations')));
  if (spec['preemptionPolicy'] !== undefined) {
    errs.push(
      ...validateEnum(spec['preemptionPolicy'], child(path, 'preemptionPolicy'), ['PreemptLowerPriority', 'Never']),
    );
  }
  return errs;
}

function validateNamedRefs(spec: Record<string, unknown>, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  for (const f of ['serviceAccountName', 'nodeName', 'priorityClassName']) {
    const v = str(spec[f]);
    if (v) errs.push(...nameIsDNSSubdomain(v, false).map((m) => fe.invalid(child(path, f), v, m)));
  }
  return errs;
}

/** validateContainerOnlyForPod: pods (not templates) reject padded image names. */
function validateContainersOnlyForPod(spec: Record<string, unknown>, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  for (const kind of ['containers', 'initContainers']) {
    list(spec[kind]).forEach((raw, i) => {
      const image = str(mapOr(raw)['image']);
      if (image !== image.trim())
        errs.push(
          fe.invalid(
            child(index(child(path, kind), i), 'image'),
            image,
            'must not have leading or trailing whitespace',
          ),
        );
    });
  }
  return errs;
}

/** ValidatePodCreate (metadata, spec, pod-only checks). */
export function validatePod(pod: Record<string, unknown>): StatusCause[] {
  const spec = mapOr(pod['spec']);
  const errs = validateObjectMeta(pod['metadata'], true, nameIsDNSSubdomain);
  errs.push(...validatePodSpec(spec, 'spec'));
  errs.push(...validateContainersOnlyForPod(spec, 'spec'));
  if (list(spec['ephemeralContainers']).length)
    errs.push(fe.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec['nodeName']) && list(spec['schedulingGates']).length) {
    errs.push(fe.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/** ValidatePodTemplateSpec: template labels, annotations and spec. */
export function validatePodTemplateSpec(template: unknown, path: string): StatusCause[] {
  const t = mapOr(template);
  const meta = mapOr(t['metadata']);
  const errs = validateLabels(meta['labels'], child(path, 'labels'));
  errs.push(...validateAnnotations(meta['annotations'], child(path, 'annotations')));
  errs.push(...validatePodSpec(t['spec'], child(path, 'spec')));
  if (list(mapOr(t['spec'])['ephemeralContainers']).length) {
    errs.push(
      fe.forbidden(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'),
    );
  }
  return errs;
}
