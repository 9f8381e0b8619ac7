/**
 * The scheduler's public surface: the cache the cluster keeps current, one
 * scheduling cycle, quantity parsing (shared with other parts of core) and
 * the benchmark.
 */
export { SchedulerCache } from './cache.ts';
export { schedulePod, numFeasibleNodesToFind } from './schedule.ts';
export type {
  ScheduleOptions,
  ScheduleResult,
  ScheduleSuccess,
  ScheduleFailure,
  FailureReason,
  PluginScore,
} from './schedule.ts';
export { parseQuantity, milliValue, quantityValue, resourceAmount } from './quantity.ts';
export { fitErrorMessage, ERR_NO_NODES_AVAILABLE } from './fitError.ts';
export { DEFAULT_PROFILE } from './plugins/index.ts';
export type { Profile } from './plugins/index.ts';
export type { FilterPlugin, ScorePlugin, Status } from './framework.ts';
export { benchSchedule } from './bench.ts';
export type { BenchResult } from './bench.ts';
