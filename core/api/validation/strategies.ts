/**
 * Rollout strategies of apps/v1 workloads (upstream ValidateDeploymentStrategy,
 * validateRollingUpdateStatefulSet, ValidateDaemonSetUpdateStrategy) and the
 * int-or-percent helpers they share. Bad values print as Go's %#v of intstr.
 */
import type { StatusCause } from '../types.ts';
import { GoValue, child, fe, goIntOrString } from './field.ts';
import { map, mapOr, str } from './json.ts';
import { validateNonnegative } from './meta.ts';
import { isValidPercent } from './names.ts';

type Obj = Record<string, unknown>;

function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  const s = str(v);
  return isValidPercent(s).length === 0 ? Number(s.slice(0, -1)) : 0;
}

function validatePositiveIntOrPercent(v: unknown, path: string): StatusCause[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => fe.invalid(path, goIntOrString(v), m));
  return validateNonnegative(v, path);
}

function notMoreThan100Percent(v: unknown, path: string): StatusCause[] {
  return typeof v === 'string' && isValidPercent(v).length === 0 && Number(v.slice(0, -1)) > 100
    ? [fe.invalid(path, goIntOrString(v), 'must not be greater than 100%')]
    : [];
}

function goDeploymentStrategy(strategy: Obj): GoValue {
  const ru = map(strategy['rollingUpdate']);
  const ruText = ru
    ? `&apps.RollingUpdateDeployment{MaxUnavailable:${goIntOrString(ru['maxUnavailable']).text}, MaxSurge:${goIntOrString(ru['maxSurge']).text}}`
    : '(*apps.RollingUpdateDeployment)(nil)';
  return new GoValue(`apps.DeploymentStrategy{Type:${JSON.stringify(str(strategy['type']))}, RollingUpdate:${ruText}}`);
}

export function validateDeploymentStrategy(strategyRaw: unknown, path: string): StatusCause[] {
  const strategy = mapOr(strategyRaw);
  const type = str(strategy['type']);
  const ru = map(strategy['rollingUpdate']);
  if (type === 'Recreate')
    return ru
      ? [fe.forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")]
      : [];
  if (type !== 'RollingUpdate')
    return [fe.notSupported(path, goDeploymentStrategy(strategy), ['Recreate', 'RollingUpdate'])];
  if (!ru) return [fe.required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil')];
  const p = child(path, 'rollingUpdate');
  const errs = validatePositiveIntOrPercent(ru['maxUnavailable'], child(p, 'maxUnavailable'));
  errs.push(...validatePositiveIntOrPercent(ru['maxSurge'], child(p, 'maxSurge')));
  if (intOrPercentValue(ru['maxUnavailable']) === 0 && intOrPercentValue(ru['maxSurge']) === 0) {
    // Both zero would leave the rollout unable to make progress.
    errs.push(
      fe.invalid(child(p, 'maxUnavailable'), goIntOrString(ru['maxUnavailable']), 'may not be 0 when `maxSurge` is 0'),
    );
  }
  errs.push(...notMoreThan100Percent(ru['maxUnavailable'], child(p, 'maxUnavailable')));
  return errs;
}

export function validateStatefulSetStrategy(strategy: Obj, path: string): StatusCause[] {
  const type = str(strategy['type']);
  const ru = map(strategy['rollingUpdate']);
  if (!type) return [fe.required(path)];
  if (type === 'OnDelete')
    return ru
      ? [
          fe.invalid(
            child(path, 'rollingUpdate'),
            new GoValue('&apps.RollingUpdateStatefulSetStrategy{…}'),
            "only allowed for updateStrategy 'RollingUpdate'",
          ),
        ]
      : [];
  if (type !== 'RollingUpdate')
    return [
      fe.invalid(
        path,
        new GoValue(`apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(type)}}`),
        "must be 'RollingUpdate' or 'OnDelete'",
      ),
    ];
  if (!ru) return [];
  const p = child(path, 'rollingUpdate');
  const errs = validateNonnegative(ru['partition'], child(p, 'partition'));
  if (ru['maxUnavailable'] !== undefined) {
    errs.push(...validatePositiveIntOrPercent(ru['maxUnavailable'], child(p, 'maxUnavailable')));
    if (intOrPercentValue(ru['maxUnavailable']) === 0)
      errs.push(fe.invalid(child(p, 'maxUnavailable'), goIntOrString(ru['maxUnavailable']), 'cannot be 0'));
    errs.push(...notMoreThan100Percent(ru['maxUnavailable'], child(p, 'maxUnavailable')));
  }
  return errs;
}

export function validateDaemonSetStrategy(strategy: Obj, path: string): StatusCause[] {
  const type = str(strategy['type']);
  if (type === 'OnDelete') return [];
  if (type !== 'RollingUpdate') {
    return [
      fe.notSupported(path, new GoValue(`apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(type)}}`), [
        'RollingUpdate',
        'OnDelete',
      ]),
    ];
  }
  const ru = map(strategy['rollingUpdate']);
  if (!ru) return [fe.required(child(path, 'rollingUpdate'))];
  const p = child(path, 'rollingUpdate');
  const errs = validatePositiveIntOrPercent(ru['maxUnavailable'], child(p, 'maxUnavailable'));
  errs.push(...validatePositiveIntOrPercent(ru['maxSurge'], child(p, 'maxSurge')));
  errs.push(...notMoreThan100Percent(ru['maxUnavailable'], child(p, 'maxUnavailable')));
  errs.push(...notMoreThan100Percent(ru['maxSurge'], child(p, 'maxSurge')));
  const hasUnavailable = intOrPercentValue(ru['maxUnavailable']) !== 0;
  const hasSurge = intOrPercentValue(ru['maxSurge']) !== 0;
  if (hasUnavailable && hasSurge)
    errs.push(
      fe.invalid(child(p, 'maxSurge'), goIntOrString(ru['maxSurge']), 'may not be set when maxUnavailable is non-zero'),
    );
  if (!hasUnavailable && !hasSurge)
    errs.push(fe.required(child(p, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}
