/**
 * apps/v1 workloads (upstream `pkg/apis/apps/validation/validation.go`):
 * Deployment, ReplicaSet, StatefulSet, DaemonSet, on create and on update.
 * Selector immutability on update comes from each kind's REST strategy.
 */
import type { StatusCause } from '../types.ts';
import { child, fe, goStringMap } from './field.ts';
import { deepEqual, map, mapOr, num, str } from './json.ts';
import {
  compileSelector,
  selectorMatches,
  shownSelector,
  validateAnnotations,
  validateImmutable,
  validateLabelSelector,
  validateLabels,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.ts';
import { validatePodTemplateSpec } from './pod.ts';
import { validateDaemonSetStrategy, validateDeploymentStrategy, validateStatefulSetStrategy } from './strategies.ts';

type Obj = Record<string, unknown>;

/** Selector required, valid and non-empty (`empty selector is invalid for <kind>`). */
function validateSelectorField(spec: Obj, path: string, kind: string): StatusCause[] {
  const sel = map(spec['selector']);
  if (!sel) return [fe.required(child(path, 'selector'))];
  const errs = validateLabelSelector(sel, child(path, 'selector'));
  const size =
    Object.keys(mapOr(sel['matchLabels'])).length +
    (Array.isArray(sel['matchExpressions']) ? sel['matchExpressions'].length : 0);
  if (size === 0)
    errs.push(fe.invalid(child(path, 'selector'), shownSelector(sel), `empty selector is invalid for ${kind}`));
  return errs;
}

function templateLabels(spec: Obj): unknown {
  return mapOr(mapOr(spec['template'])['metadata'])['labels'];
}

/**
 * The template's labels must match the selector. An absent selector compiles
 * to "nothing", which matches no labels, so it is reported here too.
 */
function selectorMismatch(spec: Obj, path: string, skipEmpty: boolean): StatusCause[] {
  const sel = compileSelector(spec['selector']);
  if (!sel) return [];
  if (skipEmpty && sel.kind === 'match' && sel.empty) return [];
  if (selectorMatches(sel, templateLabels(spec))) return [];
  return [
    fe.invalid(
      child(path, 'template', 'metadata', 'labels'),
      goStringMap(templateLabels(spec)),
      '`selector` does not match template `labels`',
    ),
  ];
}

function restartPolicyAlways(spec: Obj, path: string, kind: string, deadlineAsForbidden: boolean): StatusCause[] {
  const tSpec = mapOr(mapOr(spec['template'])['spec']);
  const errs: StatusCause[] = [];
  const policy = str(tSpec['restartPolicy']);
  if (policy !== 'Always')
    errs.push(fe.notSupported(child(path, 'template', 'spec', 'restartPolicy'), policy, ['Always']));
  const deadline = num(tSpec['activeDeadlineSeconds']);
  if (deadline !== undefined) {
    const p = child(path, 'template', 'spec', 'activeDeadlineSeconds');
    errs.push(
      deadlineAsForbidden
        ? fe.forbidden(p, `activeDeadlineSeconds in ${kind} is not Supported`)
        : fe.invalid(p, deadline, `activeDeadlineSeconds in ${kind} is not Supported`),
    );
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet (also used by Deployment). */
function replicaSetTemplate(spec: Obj, path: string): StatusCause[] {
  const errs =
    spec['selector'] !== undefined && !compileSelector(spec['selector']) ? [] : selectorMismatch(spec, path, true);
  errs.push(...validatePodTemplateSpec(spec['template'], child(path, 'template')));
  errs.push(...restartPolicyAlways(spec, path, 'ReplicaSet', false));
  return errs;
}

function validateDeploymentSpec(spec: Obj, path: string): StatusCause[] {
  const errs = validateNonnegative(spec['replicas'], child(path, 'replicas'));
  errs.push(...validateSelectorField(spec, path, 'deployment'));
  if (spec['selector'] !== undefined && !compileSelector(spec['selector'])) {
    errs.push(fe.invalid(child(path, 'selector'), shownSelector(spec['selector']), 'invalid label selector'));
  }
  errs.push(...replicaSetTemplate(spec, path));
  errs.push(...validateDeploymentStrategy(spec['strategy'], child(path, 'strategy')));
  errs.push(...validateNonnegative(spec['minReadySeconds'], child(path, 'minReadySeconds')));
  errs.push(...validateNonnegative(spec['revisionHistoryLimit'], child(path, 'revisionHistoryLimit')));
  const deadline = num(spec['progressDeadlineSeconds']);
  if (deadline !== undefined) {
    errs.push(...validateNonnegative(deadline, child(path, 'progressDeadlineSeconds')));
    if (deadline <= (num(spec['minReadySeconds']) ?? 0)) {
      errs.push(fe.invalid(child(path, 'progressDeadlineSeconds'), deadline, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

function validateReplicaSetSpec(spec: Obj, path: string): StatusCause[] {
  const errs = validateNonnegative(spec['replicas'], child(path, 'replicas'));
  errs.push(...validateNonnegative(spec['minReadySeconds'], child(path, 'minReadySeconds')));
  errs.push(...validateSelectorField(spec, path, 'deployment'));
  errs.push(...replicaSetTemplate(spec, path));
  return errs;
}

function validateStatefulSetSpec(spec: Obj, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  const pmp = str(spec['podManagementPolicy']);
  if (!pmp) errs.push(fe.required(child(path, 'podManagementPolicy')));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel')
    errs.push(fe.invalid(child(path, 'podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
  errs.push(...validateStatefulSetStrategy(mapOr(spec['updateStrategy']), child(path, 'updateStrategy')));
  const retention = map(spec['persistentVolumeClaimRetentionPolicy']);
  for (const f of ['whenDeleted', 'whenScaled']) {
    const v = str(retention?.[f]);
    if (retention && v !== 'Retain' && v !== 'Delete')
      errs.push(fe.notSupported(child(path, 'persistentVolumeClaimRetentionPolicy', f), v, ['Retain', 'Delete']));
  }
  errs.push(...validateNonnegative(spec['replicas'], child(path, 'replicas')));
  errs.push(...validateNonnegative(spec['minReadySeconds'], child(path, 'minReadySeconds')));
  errs.push(...validateSelectorField(spec, path, 'statefulset'));
  if (spec['selector'] !== undefined && !compileSelector(spec['selector']))
    errs.push(fe.invalid(child(path, 'selector'), shownSelector(spec['selector']), ''));
  else errs.push(...selectorMismatch(spec, path, true));
  // Upstream checks only template labels and annotations here, not the pod spec.
  const tMeta = mapOr(mapOr(spec['template'])['metadata']);
  errs.push(...validateLabels(tMeta['labels'], child(path, 'template', 'labels')));
  errs.push(...validateAnnotations(tMeta['annotations'], child(path, 'template', 'annotations')));
  errs.push(...restartPolicyAlways(spec, path, 'StatefulSet', true));
  return errs;
}

function validateDaemonSetSpec(spec: Obj, path: string): StatusCause[] {
  const errs = validateLabelSelector(spec['selector'], child(path, 'selector'));
  const sel = compileSelector(spec['selector']);
  if (sel && !selectorMatches(sel, templateLabels(spec))) {
    errs.push(
      fe.invalid(
        child(path, 'template', 'metadata', 'labels'),
        goStringMap(templateLabels(spec)),
        '`selector` does not match template `labels`',
      ),
    );
  }
  if (sel?.kind === 'match' && sel.empty)
    errs.push(
      fe.invalid(child(path, 'selector'), shownSelector(spec['selector']), 'empty selector is invalid for daemonset'),
    );
  errs.push(...validatePodTemplateSpec(spec['template'], child(path, 'template')));
  errs.push(...restartPolicyAlways(spec, path, 'DaemonSet', true));
  errs.push(...validateNonnegative(spec['minReadySeconds'], child(path, 'minReadySeconds')));
  errs.push(...validateDaemonSetStrategy(mapOr(spec['updateStrategy']), child(path, 'updateStrategy')));
  errs.push(...validateNonnegative(spec['revisionHistoryLimit'], child(path, 'revisionHistoryLimit')));
  return errs;
}

/** Validates an apps/v1 object; `old` switches to update rules. */
export function validateApps(obj: Obj, old?: Obj): StatusCause[] {
  const kind = str(obj['kind']);
  const spec = mapOr(obj['spec']);
  const errs = old
    ? validateObjectMetaUpdate(obj['metadata'], old['metadata'])
    : validateObjectMeta(obj['metadata'], true, kind === 'StatefulSet' ? nameIsDNSLabel : nameIsDNSSubdomain);
  switch (kind) {
    case 'Deployment':
      errs.push(...validateDeploymentSpec(spec, 'spec'));
      break;
    case 'ReplicaSet':
      errs.push(...validateReplicaSetSpec(spec, 'spec'));
      break;
    case 'StatefulSet':
      errs.push(...validateStatefulSetSpec(spec, 'spec'));
      if (old) errs.push(...statefulSetUpdate(spec, mapOr(old['spec'])));
      break;
    case 'DaemonSet':
      errs.push(...validateDaemonSetSpec(spec, 'spec'));
      break;
  }
  if (old && kind !== 'StatefulSet') {
    const oldSel = mapOr(old['spec'])['selector'];
    errs.push(...validateImmutable(spec['selector'], oldSel, 'spec.selector', shownSelector(spec['selector'])));
  }
  return errs;
}

const STS_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

function statefulSetUpdate(spec: Obj, old: Obj): StatusCause[] {
  const strip = (s: Obj): Obj => Object.fromEntries(Object.entries(s).filter(([k]) => !STS_MUTABLE.includes(k)));
  return deepEqual(strip(spec), strip(old))
    ? []
    : [
        fe.forbidden(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      ];
}
