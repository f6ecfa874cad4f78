import { type Env, readUrl } from './env-readers';

/**
 * What the `leadscore` CLI reads from its environment: where the ops API and ingest are, and the
 * credentials for each. Apart from the apps' config (no Nest here: the CLI imports this file alone,
 * as `@leadscore/config/cli`). Missing credentials are not an error here: only the commands that
 * need them say so.
 */
export interface CliConfig {
  /** LEADSCORE_URL: the ops API (admin). */
  adminUrl: string;
  /** LEADSCORE_TOKEN: the admin token. */
  adminToken: string | null;
  /** LEADSCORE_INGEST_URL: ingest, for `send`. */
  ingestUrl: string;
  /** LEADSCORE_WRITE_KEY: a source's write key, for `send`. */
  writeKey: string | null;
}

export function loadCliConfig(env: Env = process.env): CliConfig {
  return {
    adminUrl: readUrl(env, 'LEADSCORE_URL', 'http://127.0.0.1:3001', ['http:', 'https:']),
    adminToken: env.LEADSCORE_TOKEN?.trim() || null,
    ingestUrl: readUrl(env, 'LEADSCORE_INGEST_URL', 'http://127.0.0.1:3000', ['http:', 'https:']),
    writeKey: env.LEADSCORE_WRITE_KEY?.trim() || null,
  };
}
