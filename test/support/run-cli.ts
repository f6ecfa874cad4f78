import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './app-process';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built `leadscore` binary (dist/apps/cli/src/main.js, package.json's bin), run as a child process. */
export function runCli(args: string[], env: Record<string, string>, cwd = repoRoot()): Promise<CliRun> {
  const entry = join(repoRoot(), 'dist', 'apps', 'cli', 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  return new Promise((resolve) => {
    execFile(process.execPath, [entry, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
