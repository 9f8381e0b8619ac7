/** Virtual delays of each stage of the pod worker (kwok-style stage timings), in ms. */
export const STAGE_DELAYS = {
  sandbox: 1000,
  create: 300,
  pullBase: 800,
  /** Bytes per ms of simulated registry bandwidth (≈ 40 MB/s). */
  pullBytesPerMs: 40_000,
  backoffInitial: 10_000,
  backoffMax: 300_000,
  /** A container that ran this long without crashing resets its back-off. */
  backoffReset: 600_000,
  stop: 200,
};
