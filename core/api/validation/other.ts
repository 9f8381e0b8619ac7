/**
 * Smaller kinds: Ingress paths (pathType has no default and is required),
 * HorizontalPodAutoscaler replica bounds, NetworkPolicy policy types.
 */
import type { StatusCause } from '../types.ts';
import { child, fe, index } from './field.ts';
import { list, map, mapOr, num, str } from './json.ts';
import { validateLabelSelector } from './meta.ts';

type Obj = Record<string, unknown>;

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

function validateIngressPath(p: Obj, path: string): StatusCause[] {
  const pathType = p['pathType'];
  if (pathType === undefined || pathType === null)
    return [fe.required(child(path, 'pathType'), 'pathType must be specified')];
  const value = str(p['path']);
  const errs: StatusCause[] = [];
  const t = str(pathType);
  if (t === 'Exact' || t === 'Prefix') {
    if (!value.startsWith('/')) errs.push(fe.invalid(child(path, 'path'), value, 'must be an absolute path'));
    for (const seq of INVALID_SEQUENCES)
      if (value.includes(seq)) errs.push(fe.invalid(child(path, 'path'), value, `must not contain '${seq}'`));
    for (const suf of INVALID_SUFFIXES)
      if (value.endsWith(suf)) errs.push(fe.invalid(child(path, 'path'), value, `cannot end with '${suf}'`));
  } else if (t === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) errs.push(fe.invalid(child(path, 'path'), value, 'must be an absolute path'));
  } else {
    errs.push(fe.notSupported(child(path, 'pathType'), t, PATH_TYPES));
  }
  return errs;
}

export function validateIngressSpec(spec: Obj): StatusCause[] {
  const errs: StatusCause[] = [];
  list(spec['rules']).forEach((rule, i) => {
    const http = map(mapOr(rule)['http']);
    if (!http) return;
    const pathsPath = child(index('spec.rules', i), 'http', 'paths');
    const paths = list(http['paths']);
    if (paths.length === 0) errs.push(fe.required(pathsPath));
    paths.forEach((p, j) => errs.push(...validateIngressPath(mapOr(p), index(pathsPath, j))));
  });
  return errs;
}

export function validateHPASpec(spec: Obj): StatusCause[] {
  const errs: StatusCause[] = [];
  const min = num(spec['minReplicas']);
  const max = num(spec['maxReplicas']) ?? 0;
  if (min !== undefined && min < 1)
    errs.push(fe.invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(fe.invalid('spec.maxReplicas', max, 'must be greater than or equal to 1'));
  if (min !== undefined && max < min)
    errs.push(fe.invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  const ref = mapOr(spec['scaleTargetRef']);
  if (!str(ref['kind'])) errs.push(fe.required('spec.scaleTargetRef.kind'));
  if (!str(ref['name'])) errs.push(fe.required('spec.scaleTargetRef.name'));
  return errs;
}

export function validateNetworkPolicySpec(spec: Obj): StatusCause[] {
  const errs = validateLabelSelector(spec['podSelector'], 'spec.podSelector');
  list(spec['policyTypes']).forEach((t, i) => {
    const v = str(t);
    if (v !== 'Ingress' && v !== 'Egress')
      errs.push(fe.notSupported(index('spec.policyTypes', i), v, ['Egress', 'Ingress']));
  });
  if (list(spec['policyTypes']).length > 2)
    errs.push(
      fe.invalid('spec.policyTypes', String(list(spec['policyTypes'])), 'may not specify more than two policyTypes'),
    );
  return errs;
}
