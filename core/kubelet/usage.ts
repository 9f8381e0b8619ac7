/**
 * Simulated resource usage of running containers: what metrics-server would
 * report (`kubectl top`) and what the HorizontalPodAutoscaler reads. A small
 * steady load per image, deterministic per container.
 */
import type { KubeObject } from '../api/types.ts';
import { fnv32a } from '../util/rng.ts';

/** Usage of one running container: millicores and bytes. */
export function containerUsage(pod: KubeObject, container: string): { cpuNano: number; memBytes: number } {
  const h = fnv32a(`${pod.metadata.uid}/${container}`);
  const image =
    ((pod.spec as { containers?: { name: string; image?: string }[] }).containers ?? []).find(
      (c) => c.name === container,
    )?.image ?? '';
  const base = /mysql|postgres/.test(image) ? 180 : /redis/.test(image) ? 8 : /nginx|httpd/.test(image) ? 3 : 1;
  return { cpuNano: (h % 1000) * 1000 + base * 100_000, memBytes: base * 1_500_000 + (h % 4096) * 1024 };
}
