import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const SCRIPT = join(ROOT, 'scripts', 'node-args.sh');
const argsFor = (app: string, env: Record<string, string> = {}) =>
  execFileSync('sh', [SCRIPT, app], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' }).trim();

describe('scripts/node-args.sh (the node flags an app is launched with)', () => {
  it('caps the scoring worker\'s old space at SCORING_HEAP_MB, 512 MB by default, none at 0', () => {
    expect(argsFor('scoring')).toBe('--max-old-space-size=512');
    expect(argsFor('scoring', { SCORING_HEAP_MB: '256' })).toBe('--max-old-space-size=256');
    expect(argsFor('scoring', { SCORING_HEAP_MB: '0' })).toBe('');
  });

  it('gives the other apps no flag', () => {
    for (const app of ['ingest', 'admin', 'handoff']) expect(argsFor(app, { SCORING_HEAP_MB: '512' })).toBe('');
  });

  it('refuses a SCORING_HEAP_MB that is not a number, so the launcher stops instead of starting uncapped', () => {
    const run = spawnSync('sh', [SCRIPT, 'scoring'], { env: { PATH: process.env.PATH ?? '', SCORING_HEAP_MB: '1g' }, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: expect.stringContaining('SCORING_HEAP_MB') });
  });

  it('is what start-all.sh and the Docker image launch apps with', () => {
    expect(readFileSync(join(ROOT, 'scripts', 'start-all.sh'), 'utf8')).toMatch(/node_args="\$\(sh "\$ROOT\/scripts\/node-args\.sh" "\$name"\)"[\s\S]*nohup node \$node_args "\$entry"/);
    const dockerfile = readFileSync(join(ROOT, 'docker', 'app.Dockerfile'), 'utf8');
    expect(dockerfile).toContain('COPY scripts/node-args.sh ./scripts/node-args.sh');
    expect(dockerfile).toContain('flags=$(sh scripts/node-args.sh \\"$APP\\") && exec node $flags dist/apps/${APP}/src/main.js');
  });
});
