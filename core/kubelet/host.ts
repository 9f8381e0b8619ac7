/** What a pod worker needs from its kubelet: clock, API access, node resources. */
import type { KubeObject } from '../api/types.ts';
import type { VirtualClock } from '../clock/clock.ts';
import type { ContainerSpec } from './containers.ts';
import type { ProcessHandle, StartOptions } from './process.ts';
import type { FileSystem } from './shell/fs.ts';
import type { PodWorker } from './podworker.ts';

export interface KubeletHost {
  readonly clock: VirtualClock;
  readonly nodeName: string;
  readonly nodeIP: string;
  now(): number;
  event(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void;
  markDirty(worker: PodWorker): void;
  podFinished(worker: PodWorker): void;
  podTerminated(worker: PodWorker): void;
  allocatePodIP(uid: string): string;
  hasImage(image: string): boolean;
  addImage(image: string): void;
  imageDigest(ref: string): string;
  randomHex(length: number): string;
  startProcess(opts: StartOptions): ProcessHandle;
  /** A message like `configmap "x" not found` when env refers to something missing. */
  checkConfigRefs(pod: KubeObject, container: ContainerSpec): string | undefined;
  /** Read an object the pod refers to (ConfigMap, Secret). */
  read(kind: 'ConfigMap' | 'Secret', namespace: string, name: string): KubeObject | undefined;
  /** A pod-level volume's shared filesystem (emptyDir), created on first use. */
  volumeFs(podUid: string, volume: string): FileSystem;
  /** A bound service-account token (a JWT) for the pod's projected volume. */
  serviceAccountToken(pod: KubeObject): string;
  /** The node's own filesystem (hostPath). */
  readonly hostFs: FileSystem;
}
