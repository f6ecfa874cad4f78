import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Finds `rules/default.yaml` by walking up from this file (works from src/ under jest and from dist/). */
export function readDefaultRuleSetText(startDir: string = __dirname): string {
  let dir = startDir;
  for (let depth = 0; depth < 8; depth++) {
    const candidate = join(dir, 'rules', 'default.yaml');
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    dir = dirname(dir);
  }
  throw new Error(`rules/default.yaml not found above ${startDir}`);
}
