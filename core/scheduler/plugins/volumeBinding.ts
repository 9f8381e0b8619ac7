/**
 * VolumeBinding (plugins/volumebinding): the slot where PersistentVolumeClaim
 * binding will be checked. Not simulated yet: it always skips.
 */
import type { FilterPlugin } from '../framework.ts';
import { SKIP } from '../framework.ts';

export const volumeBinding: FilterPlugin = {
  name: 'VolumeBinding',
  preFilter: () => SKIP,
};
