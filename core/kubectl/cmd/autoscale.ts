/**
 * `kubectl autoscale (TYPE NAME | TYPE/NAME) [--min=N] --max=N [--cpu-percent=P]`:
 * GET the target, then POST an autoscaling/v2 HorizontalPodAutoscaler
 * (`fieldManager=kubectl-autoscale`) as kubectl 1.33 does, printing
 * `horizontalpodautoscaler.autoscaling/NAME autoscaled`. Without --cpu-percent
 * the server's default (cpu at 80 %) applies; without --min, minReplicas 1.
 */
import type { KubeObject } from '../../api/types.ts';
import type { Command } from '../env.ts';
import { getObject, must } from '../env.ts';
import { selectResources } from '../resources.ts';
import { usageError } from '../types.ts';
import { submit } from './create.ts';

const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);

export const autoscaleCommand: Command = {
  name: 'autoscale',
  flags: [
    { name: 'min', type: 'int' },
    { name: 'max', type: 'int' },
    { name: 'cpu-percent', type: 'int' },
    { name: 'name', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'filename', short: 'f', type: 'strings' },
    { name: 'save-config', type: 'bool' },
    { name: 'field-manager', type: 'string' },
  ],
  run(env) {
    if (!env.flags.has('max')) throw usageError('required flag(s) "max" not set');
    const min = env.flags.int('min', -1);
    const max = env.flags.int('max', -1);
    const cpu = env.flags.int('cpu-percent', -1);
    if (max < 1) throw usageError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
    if (max < min) throw usageError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    const selections = selectResources(env, env.flags.args);
    if (selections.length === 0) throw usageError('You must provide one or more resources by argument or filename.');
    for (const sel of selections) {
      const r = sel.resource;
      if (!SCALABLE.has(r.plural)) {
        const gvr = `${r.group}/${r.version}, Resource=${r.plural}`;
        throw usageError(
          `cannot autoscale a ${r.kind}: could not find scale subresource for ${gvr} in discovery information`,
        );
      }
      for (const name of sel.names) {
        const target = must(getObject(env, r, name));
        const hpa = horizontalPodAutoscaler(env.flags.str('name') || name, target, min, max, cpu);
        const verb = env.flags.str('dry-run') === 'client' ? 'created' : 'autoscaled';
        submit(env, { object: hpa }, env.flags.str('field-manager') || 'kubectl-autoscale', verb);
      }
    }
  },
};

/** createHorizontalPodAutoscalerV2: only the fields the flags set; the server defaults the rest. */
function horizontalPodAutoscaler(name: string, target: KubeObject, min: number, max: number, cpu: number): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name },
    spec: {
      scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name: target.metadata.name },
      ...(min > 0 ? { minReplicas: min } : {}),
      maxReplicas: max,
      ...(cpu >= 0
        ? {
            metrics: [
              { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } },
            ],
          }
        : {}),
    },
  };
}
