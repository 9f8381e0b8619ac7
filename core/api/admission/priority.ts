/**
 * The Priority admission plugin (plugin/pkg/admission/priority/admission.go):
 * on Pod create, `priorityClassName` (or the globalDefault class) becomes
 * `spec.priority` and `spec.preemptionPolicy`; an unknown class is forbidden,
 * and so is a priority or policy the client gave that disagrees with the class.
 * On PriorityClass writes, a second globalDefault is forbidden.
 * (The no-class defaults, priority 0 and PreemptLowerPriority, are in defaults/pod.ts.)
 */
import type { KubeObject, Status } from '../types.ts';
import type { PolicyContext, PolicyRequest } from './context.ts';
import { RT, forbidden, is } from './context.ts';

interface PodSpec {
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
}

interface PriorityClass extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

export function admitPriority(ctx: PolicyContext, req: PolicyRequest): Status | undefined {
  if (is(req.rt, RT.priorityClasses)) return validateClass(ctx, req);
  if (!is(req.rt, RT.pods) || req.operation !== 'create') return undefined;
  const spec = (req.object.spec ?? {}) as PodSpec;
  const given = (req.raw.spec ?? {}) as PodSpec;
  const classes = ctx.list(RT.priorityClasses) as PriorityClass[];
  let pc: PriorityClass | undefined;
  if (spec.priorityClassName) {
    pc = classes.find((c) => c.metadata.name === spec.priorityClassName);
    if (!pc) return forbidden(req, `no PriorityClass with name ${spec.priorityClassName} was found`, true);
  } else {
    pc = defaultClass(classes);
    if (!pc) return undefined;
    spec.priorityClassName = pc.metadata.name;
  }
  const priority = pc.value ?? 0;
  if (typeof given.priority === 'number' && given.priority !== priority)
    return forbidden(
      req,
      `the integer value of priority (${given.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
      true,
    );
  spec.priority = priority;
  const policy = pc.preemptionPolicy ?? 'PreemptLowerPriority';
  if (given.preemptionPolicy && given.preemptionPolicy !== policy)
    return forbidden(
      req,
      `the string value of PreemptionPolicy (${given.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
      true,
    );
  spec.preemptionPolicy = policy;
  return undefined;
}

/** The globalDefault class with the lowest value wins if several exist (getDefaultPriorityClass). */
function defaultClass(classes: PriorityClass[]): PriorityClass | undefined {
  let best: PriorityClass | undefined;
  for (const c of classes) if (c.globalDefault && (!best || (c.value ?? 0) < (best.value ?? 0))) best = c;
  return best;
}

function validateClass(ctx: PolicyContext, req: PolicyRequest): Status | undefined {
  const pc = req.object as PriorityClass;
  if (!pc.globalDefault) return undefined;
  const existing = defaultClass(ctx.list(RT.priorityClasses) as PriorityClass[]);
  if (!existing) return undefined;
  if (req.operation === 'create' || existing.metadata.name !== pc.metadata.name)
    return forbidden(
      req,
      `PriorityClass ${existing.metadata.name} is already marked as default. Only one default can exist`,
    );
  return undefined;
}
