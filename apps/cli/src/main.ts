#!/usr/bin/env node
import { loadCliConfig } from '@leadscore/config/cli';
import { progressBar } from './output/progress-bar';
import { runProgram } from './program';

// The `leadscore` bin (package.json). No Nest here: a thin client over fetch.
runProgram(process.argv.slice(2), {
  config: () => loadCliConfig(process.env),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  progress: () => progressBar(process.stderr),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`leadscore: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
