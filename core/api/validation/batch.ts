/**
 * batch/v1 Job and CronJob (upstream `pkg/apis/batch/validation`). The Job's
 * generated selector and labels are added before validation by
 * `defaultJobSelector` (upstream does it in the strategy's Validate).
 */
import type { StatusCause } from '../types.ts';
import { GoValue, child, fe, goStringMap } from './field.ts';
import { deepEqual, map, mapOr, num, str } from './json.ts';
import {
  compileSelector,
  selectorMatches,
  shownSelector,
  validateImmutable,
  validateLabelSelector,
  validateLabels,
  validateAnnotations,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './meta.ts';
import { nameIsDNSSubdomain } from './names.ts';
import { validatePodTemplateSpec } from './pod.ts';
import { cronError } from './cron.ts';

type Obj = Record<string, unknown>;

function jobTemplateChecks(spec: Obj, path: string): StatusCause[] {
  const errs = validatePodTemplateSpec(spec['template'], child(path, 'template'));
  const tSpec = mapOr(mapOr(spec['template'])['spec']);
  const policy = str(tSpec['restartPolicy']);
  const rp = child(path, 'template', 'spec', 'restartPolicy');
  if (policy !== 'OnFailure' && policy !== 'Never') errs.push(fe.notSupported(rp, policy, ['OnFailure', 'Never']));
  else if (policy === 'OnFailure' && map(spec['podFailurePolicy']))
    errs.push(fe.invalid(rp, policy, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** validateJobSpec without the selector (shared with CronJob's jobTemplate). */
function validateJobSpecCommon(spec: Obj, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    errs.push(...validateNonnegative(spec[f], child(path, f)));
  }
  const mode = spec['completionMode'];
  if (mode !== undefined) {
    const m = str(mode);
    if (m !== 'NonIndexed' && m !== 'Indexed')
      errs.push(fe.notSupported(child(path, 'completionMode'), m, ['NonIndexed', 'Indexed']));
    if (m === 'Indexed' && num(spec['completions']) === undefined)
      errs.push(fe.required(child(path, 'completions'), 'when completion mode is Indexed'));
  }
  const replacement = spec['podReplacementPolicy'];
  if (replacement !== undefined) {
    const r = str(replacement);
    const allowed = map(spec['podFailurePolicy']) ? ['Failed'] : ['Failed', 'TerminatingOrFailed'];
    if (!allowed.includes(r)) errs.push(fe.notSupported(child(path, 'podReplacementPolicy'), r, allowed));
  }
  errs.push(...jobTemplateChecks(spec, path));
  return errs;
}

/** ValidateJobSpec: selector required and matching the template. */
function validateJobSpec(spec: Obj, path: string): StatusCause[] {
  const errs = validateJobSpecCommon(spec, path);
  if (!map(spec['selector'])) errs.push(fe.required(child(path, 'selector')));
  else errs.push(...validateLabelSelector(spec['selector'], child(path, 'selector')));
  const sel = compileSelector(spec['selector']);
  const labels = mapOr(mapOr(spec['template'])['metadata'])['labels'];
  if (sel && !selectorMatches(sel, labels)) {
    errs.push(
      fe.invalid(
        child(path, 'template', 'metadata', 'labels'),
        goStringMap(labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  return errs;
}

function validateCronJobSpec(spec: Obj, path: string): StatusCause[] {
  const errs: StatusCause[] = [];
  const schedule = str(spec['schedule']);
  if (!schedule) errs.push(fe.required(child(path, 'schedule')));
  else {
    const err = cronError(schedule);
    if (err) errs.push(fe.invalid(child(path, 'schedule'), schedule, err));
    if (schedule.includes('TZ'))
      errs.push(
        fe.invalid(
          child(path, 'schedule'),
          schedule,
          'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
        ),
      );
  }
  errs.push(...validateNonnegative(spec['startingDeadlineSeconds'], child(path, 'startingDeadlineSeconds')));
  const policy = str(spec['concurrencyPolicy']);
  if (!policy) errs.push(fe.required(child(path, 'concurrencyPolicy')));
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy))
    errs.push(fe.notSupported(child(path, 'concurrencyPolicy'), policy, ['Allow', 'Forbid', 'Replace']));
  const jt = mapOr(spec['jobTemplate']);
  const jtMeta = mapOr(jt['metadata']);
  const jtPath = child(path, 'jobTemplate');
  errs.push(...validateLabels(jtMeta['labels'], child(jtPath, 'labels')));
  errs.push(...validateAnnotations(jtMeta['annotations'], child(jtPath, 'annotations')));
  errs.push(...validateJobSpecCommon(mapOr(jt['spec']), child(jtPath, 'spec')));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit'])
    errs.push(...validateNonnegative(spec[f], child(path, f)));
  return errs;
}

/** Job/CronJob create and update. */
export function validateBatch(obj: Obj, old?: Obj): StatusCause[] {
  const kind = str(obj['kind']);
  const spec = mapOr(obj['spec']);
  const errs = old
    ? validateObjectMetaUpdate(obj['metadata'], old['metadata'])
    : validateObjectMeta(obj['metadata'], true, nameIsDNSSubdomain);
  if (kind === 'Job') {
    errs.push(...validateJobSpec(spec, 'spec'));
    if (old) errs.push(...jobUpdate(spec, mapOr(old['spec'])));
  } else {
    errs.push(...validateCronJobSpec(spec, 'spec'));
    const name = str(mapOr(obj['metadata'])['name']);
    // The controller appends an 11-character suffix and Job names must fit 63.
    if (!old && name.length > 52) errs.push(fe.invalid('metadata.name', name, 'must be no more than 52 characters'));
  }
  return errs;
}

/** ValidateJobSpecUpdate: selector, completions and most of the template are fixed. */
function jobUpdate(spec: Obj, old: Obj): StatusCause[] {
  const errs = validateImmutable(spec['selector'], old['selector'], 'spec.selector', shownSelector(spec['selector']));
  errs.push(
    ...validateImmutable(spec['completions'], old['completions'], 'spec.completions', num(spec['completions']) ?? null),
  );
  errs.push(
    ...validateImmutable(
      spec['completionMode'],
      old['completionMode'],
      'spec.completionMode',
      str(spec['completionMode']),
    ),
  );
  if (!deepEqual(spec['template'], old['template'])) {
    errs.push(
      ...validateImmutable(
        spec['template'],
        old['template'],
        'spec.template',
        new GoValue('core.PodTemplateSpec{...}'),
      ),
    );
  }
  return errs;
}
