import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/** A built file of the dashboard, kept in memory. */
export interface DashboardFile {
  body: Buffer;
  type: string;
}

export interface DashboardFiles {
  index: DashboardFile | null;
  assets: ReadonlyMap<string, DashboardFile>;
}

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** `dist/dashboard` of the repository (the nearest folder with a package.json above this file, from src/ or dist/). */
export function dashboardDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return join(from, 'dashboard');
    dir = parent;
  }
  return join(dir, 'dist', 'dashboard');
}

/**
 * The built dashboard (`npm run build`: index.html and the hashed files of assets/), read once:
 * the files never change while the app runs. `index` is null when it was not built.
 */
export function readDashboardFiles(dir = dashboardDir()): DashboardFiles {
  const indexPath = join(dir, 'index.html');
  if (!existsSync(indexPath)) return { index: null, assets: new Map() };
  const assets = new Map<string, DashboardFile>();
  const assetsDir = join(dir, 'assets');
  for (const name of existsSync(assetsDir) ? readdirSync(assetsDir) : []) {
    assets.set(name, { body: readFileSync(join(assetsDir, name)), type: TYPES[extname(name)] ?? 'application/octet-stream' });
  }
  return { index: { body: readFileSync(indexPath), type: 'text/html; charset=utf-8' }, assets };
}
