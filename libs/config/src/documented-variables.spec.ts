import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadCliConfig } from './cli-config';
import { type Env } from './env-readers';
import { loadConfig } from './leadscore-config';

const ROOT = resolve(__dirname, '../../..');

/** The variables the loaders read, recorded by handing them an environment that notes each name asked for. */
function variablesTheLoadersRead(): Set<string> {
  const read = new Set<string>();
  const env = new Proxy<Env>({}, { get: (_target, name) => { if (typeof name === 'string') read.add(name); return undefined; } });
  loadConfig(env);
  loadCliConfig(env);
  return read;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'testing' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

const SOURCES = ['apps', 'libs'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
// `env.NAME`, `env['NAME']`, `process.env.NAME` and a reader's `(env, 'NAME'`.
const READS = [/\benv\.([A-Z][A-Z0-9_]+)/g, /\benv\[\s*['"]([A-Z][A-Z0-9_]+)['"]\s*\]/g, /\(\s*env\s*,\s*['"]([A-Z][A-Z0-9_]+)['"]/g];

/** The variables named where the code (outside tests) reads an environment, found in the source text. */
function variablesTheSourcesRead(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of SOURCES) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of READS) for (const match of text.matchAll(pattern)) found.set(match[1], relative(ROOT, file));
  }
  return found;
}

function exampleVariables(): Map<string, { value: string; comment: string }> {
  const lines = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n');
  const variables = new Map<string, { value: string; comment: string }>();
  lines.forEach((line, index) => {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) variables.set(match[1], { value: match[2], comment: lines[index - 1]?.startsWith('# ') ? lines[index - 1] : '' });
  });
  return variables;
}

/** The rows of the table under README's "## Configuration": variable → default cell. */
function readmeVariables(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration\n')) ?? '';
  const rows = new Map<string, string>();
  for (const match of section.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]*) \|/gm)) rows.set(match[1], match[2].trim());
  return rows;
}

const read = new Set([...variablesTheLoadersRead(), ...variablesTheSourcesRead().keys()]);
const example = exampleVariables();
const readme = readmeVariables();

describe('documented variables', () => {
  it('finds the variables read in code (the check below is not empty)', () => {
    expect(read).toContain('DATABASE_URL');
    expect(read).toContain('INACTIVITY_SCAN_EVERY');
    expect(read).toContain('LEADSCORE_TOKEN');
  });

  it.each([...read])('lists %s in .env.example and in README\'s configuration table', (name) => {
    expect({ name, inEnvExample: example.has(name), inReadme: readme.has(name) }).toEqual({ name, inEnvExample: true, inReadme: true });
  });

  it('lists nothing in .env.example or the README table that no code reads', () => {
    expect([...example.keys()].filter((name) => !read.has(name))).toEqual([]);
    expect([...readme.keys()].filter((name) => !read.has(name))).toEqual([]);
  });

  it('gives every variable of .env.example a one-line comment above it', () => {
    expect([...example].filter(([, { comment }]) => comment === '').map(([name]) => name)).toEqual([]);
  });

  it('writes in .env.example the defaults the code applies', () => {
    const env = Object.fromEntries([...example].map(([name, { value }]) => [name, value]));
    expect(loadConfig(env)).toEqual(loadConfig({}));
    expect(loadCliConfig(env)).toEqual(loadCliConfig({}));
  });

  it('shows in README the default of .env.example: the value in backticks, or a note in brackets when unset', () => {
    const mismatched = [...readme].filter(([name, cell]) => {
      const value = example.get(name)?.value;
      return value ? !cell.includes(`\`${value}\``) : !cell.startsWith('(');
    });
    expect(mismatched).toEqual([]);
  });

  it('reads no variable from process.env outside libs/config', () => {
    const direct = SOURCES.filter((file) => !relative(ROOT, file).startsWith('libs/config/'))
      .filter((file) => /process\.env(\.|\[)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(direct).toEqual([]);
  });
});
