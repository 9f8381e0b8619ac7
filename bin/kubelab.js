#!/usr/bin/env node
// Entry point for `npx kubelab`: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
await main(process.argv.slice(2));
