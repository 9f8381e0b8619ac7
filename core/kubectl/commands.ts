/** The table of commands the embedded kubectl implements. */
import { applyCommand } from './cmd/apply.ts';
import { autoscaleCommand } from './cmd/autoscale.ts';
import { createCommand } from './cmd/create.ts';
import { deleteCommand } from './cmd/delete.ts';
import { describeCommand } from './cmd/describe.ts';
import { execCommand } from './cmd/exec.ts';
import { explainCommand } from './cmd/explain.ts';
import { exposeCommand } from './cmd/expose.ts';
import { getCommand } from './cmd/get.ts';
import {
  apiResourcesCommand,
  apiVersionsCommand,
  clusterInfoCommand,
  configCommand,
  versionCommand,
} from './cmd/info.ts';
import { annotateCommand, labelCommand } from './cmd/label.ts';
import { logsCommand } from './cmd/logs.ts';
import { cordonCommand, drainCommand, taintCommand, uncordonCommand } from './cmd/nodes.ts';
import { patchCommand } from './cmd/patch.ts';
import { rolloutCommand } from './cmd/rollout.ts';
import { runCommand } from './cmd/run.ts';
import { scaleCommand } from './cmd/scale.ts';
import { setCommand } from './cmd/set.ts';
import { topCommand } from './cmd/top.ts';
import type { Command } from './env.ts';

export const COMMANDS: Command[] = [
  getCommand,
  describeCommand,
  applyCommand,
  createCommand,
  deleteCommand,
  scaleCommand,
  autoscaleCommand,
  rolloutCommand,
  setCommand,
  labelCommand,
  annotateCommand,
  logsCommand,
  runCommand,
  exposeCommand,
  execCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  topCommand,
  explainCommand,
  patchCommand,
  versionCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  clusterInfoCommand,
  configCommand,
];
