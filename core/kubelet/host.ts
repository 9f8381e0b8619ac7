/** What a pod worker needs from its kubelet: clock, API access, node resources. */
import type { KubeObject } from '../api/types.ts';
import type { VirtualClock } from '../clock/clock.ts';
import type { ContainerSpec } from './containers.ts';
import type { ProcessHandle, StartOptions } from './process.ts';
import type { FileSystem } from './shell/fs.ts';
import type { PodWorker } from './podworker.ts';
import type { NetworkAccess } from '../network/network.ts';

export type ApiRef = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'PersistentVolume';

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
  /** Read an object the pod refers to (ConfigMap, Secret, a claim and its PersistentVolume). */
  read(kind: ApiRef, namespace: string | undefined, name: string): KubeObject | undefined;
  /** A volume's data store by key (emptyDir, NFS export, PV disk: see volumes.ts), created on first use. */
  volumeData(key: string): FileSystem;
  /** A bound service-account token (a JWT) for the pod's projected volume. */
  serviceAccountToken(pod: KubeObject): string;
  /** The node's own filesystem (hostPath). */
  readonly hostFs: FileSystem;
  /** The pod's view of the cluster network, for its programs' wget, curl, nslookup… (core/network). */
  network?(pod: KubeObject): NetworkAccess;
}
