/**
 * Image pulls as the kubelet's image manager does them (pkg/kubelet/images):
 * imagePullPolicy, the InvalidImageName / ErrImageNeverPull / ErrImagePull /
 * ImagePullBackOff states with their events, and a pull time from the image's
 * size. Split from podworker.ts; `PullTarget` is what it needs of the worker.
 */
import type { KubeObject } from '../api/types.ts';
import type { Timer } from '../clock/clock.ts';
import type { ContainerRun } from './containers.ts';
import { fieldPath } from './containers.ts';
import { STAGE_DELAYS } from './delays.ts';
import type { KubeletHost } from './host.ts';
import { imageExists, lookupImage, parseImage } from './images/catalogue.ts';

export interface PullTarget {
  readonly host: KubeletHost;
  pod(): KubeObject;
  after(ms: number, task: () => void): Timer;
  /** The worker's status changed. */
  changed(): void;
  /** The image is there: create the container. */
  create(c: ContainerRun): void;
}

export function pullImage(t: PullTarget, c: ContainerRun): void {
  const image = c.spec.image ?? '';
  c.waitingReason = c.init ? 'PodInitializing' : 'ContainerCreating';
  const policy = c.spec.imagePullPolicy ?? 'IfNotPresent';
  const present = t.host.hasImage(image);
  const field = fieldPath(c);
  if (!validImageReference(image)) {
    c.waitingReason = 'InvalidImageName';
    c.waitingMessage = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
    t.host.event(t.pod(), 'Warning', 'InspectFailed', c.waitingMessage, field);
    t.host.event(t.pod(), 'Warning', 'Failed', 'Error: InvalidImageName', field);
    t.changed();
    return;
  }
  if (!present && policy === 'Never') {
    c.waitingReason = 'ErrImageNeverPull';
    c.waitingMessage = `Container image "${image}" is not present with pull policy of Never`;
    t.host.event(t.pod(), 'Warning', 'ErrImageNeverPull', c.waitingMessage, field);
    t.host.event(t.pod(), 'Warning', 'Failed', 'Error: ErrImageNeverPull', field);
    t.changed();
    return;
  }
  if (!imageExists(image)) return pullFailed(t, c);
  if (present && policy !== 'Always') {
    t.host.event(t.pod(), 'Normal', 'Pulled', `Container image "${image}" already present on machine`, field);
    t.after(STAGE_DELAYS.create, () => t.create(c));
    return;
  }
  t.host.event(t.pod(), 'Normal', 'Pulling', `Pulling image "${image}"`, field);
  const info = lookupImage(image);
  const ms = STAGE_DELAYS.pullBase + Math.round(info.sizeBytes / STAGE_DELAYS.pullBytesPerMs);
  t.after(ms, () => {
    t.host.addImage(image);
    const secs = `${(ms / 1000).toFixed(3).replace(/0+$/, '').replace(/\.$/, '')}s`;
    t.host.event(
      t.pod(),
      'Normal',
      'Pulled',
      `Successfully pulled image "${image}" in ${secs} (${secs} including waiting). Image size: ${info.sizeBytes} bytes.`,
      field,
    );
    t.after(STAGE_DELAYS.create, () => t.create(c));
  });
}

function pullFailed(t: PullTarget, c: ContainerRun): void {
  const image = c.spec.image ?? '';
  const { ref } = parseImage(image);
  const field = fieldPath(c);
  t.host.event(t.pod(), 'Normal', 'Pulling', `Pulling image "${image}"`, field);
  t.after(STAGE_DELAYS.pullBase, () => {
    const msg = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
    t.host.event(
      t.pod(),
      'Warning',
      'Failed',
      `Failed to pull image "${image}": rpc error: code = NotFound desc = ${msg}`,
      field,
    );
    t.host.event(t.pod(), 'Warning', 'Failed', 'Error: ErrImagePull', field);
    c.waitingReason = 'ErrImagePull';
    c.waitingMessage = `rpc error: code = NotFound desc = ${msg}`;
    c.pullFailures++;
    t.changed();
    const backoff = Math.min(STAGE_DELAYS.backoffMax, STAGE_DELAYS.backoffInitial * 2 ** (c.pullFailures - 1));
    t.after(1000, () => {
      c.waitingReason = 'ImagePullBackOff';
      c.waitingMessage = `Back-off pulling image "${image}": ErrImagePull: ${msg}`;
      t.host.event(t.pod(), 'Normal', 'BackOff', `Back-off pulling image "${image}"`, field);
      t.host.event(t.pod(), 'Warning', 'Failed', 'Error: ImagePullBackOff', field);
      t.changed();
    });
    t.after(backoff, () => pullImage(t, c));
  });
}

/** The distribution reference grammar (docker/distribution reference.go), simplified: lowercase repository path, optional registry, tag and digest. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REFERENCE = new RegExp(
  `^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

function validImageReference(image: string): boolean {
  return REFERENCE.test(image);
}
