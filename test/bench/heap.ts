/**
 * Heap measurement: the heap still in use after a full garbage collection,
 * i.e. what the cluster's objects really retain. `gc` is exposed at runtime
 * so `npm run bench` needs no extra node flag.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** MiB of heap in use after collecting garbage. */
export function retainedHeapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** MiB of heap in use now, garbage included (for sampling peaks). */
export function heapNowMb(): number {
  return process.memoryUsage().heapUsed / 2 ** 20;
}
