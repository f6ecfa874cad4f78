import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { type OpenAPIObject } from '@nestjs/swagger';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { uniqueNamespace } from './support/namespace';
import { runCli } from './support/run-cli';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const TOKEN = 'cli-e2e-admin-token';
const WRITE_KEY = 'cli-e2e-write-key-0123456789';

describe('the leadscore CLI (built binary) against the running apps', () => {
  const namespace = uniqueNamespace('cli');
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-cli-'));
  const apps: AppProcess[] = [];
  let pool: Pool;
  let cliEnv: Record<string, string>;
  let urls: Record<'ingest' | 'admin' | 'scoring' | 'handoff', string>;

  const cli = (...args: string[]) => runCli(args, cliEnv);
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_cli');
    pool = new Pool({ connectionString: databaseUrl });
    const ports = { ingest: await freePort(), admin: await freePort(), scoring: await freePort(), handoff: await freePort() };
    const common = { KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl, LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '2', LOG_LEVEL: 'warn', ADMIN_TOKEN: TOKEN };
    // Ingest's per-source limit is low, so that `send` meets real 429s and must retry them.
    apps.push(new AppProcess('ingest', { ...common, INGEST_PORT: String(ports.ingest), INGEST_WRITE_KEYS: WRITE_KEY, INGEST_RATE_PER_SECOND: '1', INGEST_RATE_BURST: '2' }));
    apps.push(new AppProcess('admin', { ...common, ADMIN_PORT: String(ports.admin), WEBHOOK_ALLOW_PRIVATE: 'true' }));
    apps.push(new AppProcess('scoring', { ...common, SCORING_HTTP_PORT: String(ports.scoring) }));
    apps.push(new AppProcess('handoff', { ...common, HANDOFF_HTTP_PORT: String(ports.handoff) }));
    // Ingest first: it creates the topics and runs the migrations the others expect.
    apps[0].start();
    urls = { ingest: `http://127.0.0.1:${ports.ingest}`, admin: `http://127.0.0.1:${ports.admin}`, scoring: `http://127.0.0.1:${ports.scoring}`, handoff: `http://127.0.0.1:${ports.handoff}` };
    await waitForHttpOk(`${urls.ingest}/health/ready`);
    for (const app of apps.slice(1)) app.start();
    await Promise.all([waitForHttpOk(`${urls.admin}/health/ready`), waitForHttpOk(`${urls.scoring}/health/ready`), waitForHttpOk(`${urls.handoff}/health/ready`)]);
    cliEnv = { LEADSCORE_URL: urls.admin, LEADSCORE_TOKEN: TOKEN, LEADSCORE_INGEST_URL: urls.ingest, LEADSCORE_WRITE_KEY: WRITE_KEY };
  }, 180_000);

  afterAll(async () => {
    for (const app of apps) await app.stop();
    await pool?.end();
  });

  it('prints its help with exit 0, and exits 2 on a usage error or a missing token', async () => {
    const help = await runCli(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: leadscore');
    expect((await cli('rules', 'activate', 'not-a-number')).code).toBe(2);
    expect((await cli('no-such-command')).code).toBe(2);
    const noToken = await runCli(['leads', 'list'], { LEADSCORE_URL: urls.admin });
    expect({ code: noToken.code, stderr: noToken.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('LEADSCORE_TOKEN is not set') });
  });

  it('rules validate refuses a bad rule set with exit 1 and each error on its path; push and activate store and activate a good one', async () => {
    const bad = await cli('rules', 'validate', file('bad.yaml', SIMPLE_RULES_YAML.replace('points: 15', 'points: lots')));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/rules\.3\.points: /);
    const good = file('rules.yaml', SIMPLE_RULES_YAML);
    expect(await cli('rules', 'validate', good)).toMatchObject({ code: 0, stdout: `${good}: valid\n` });
    const pushed = await cli('-o', 'json', 'rules', 'push', good);
    expect(pushed.code).toBe(0);
    const { version } = JSON.parse(pushed.stdout) as { version: number };
    expect((await cli('rules', 'activate', String(version))).code).toBe(0);
  });

  it('send posts a 3000-line file in batches of 500, retries the 429s with the same eventIds, and a second send of the file is deduplicated', async () => {
    const lines = Array.from({ length: 3000 }, (_unused, index) => JSON.stringify({ leadId: `cli-lead-${index % 40}`, type: index % 3 === 0 ? 'whitepaper_download' : 'page_visit', occurredAt: '2026-11-02T10:00:00Z' }));
    const path = file('events.jsonl', `${lines.join('\n')}\n`);
    const first = await cli('send', path);
    expect({ code: first.code, stdout: first.stdout }).toEqual({ code: 0, stdout: '3000 lines: 3000 accepted, 0 refused\naccepted lines: 1-3000\n' });
    const again = await cli('send', path);
    expect(again.code).toBe(0);
    const stored = await waitFor('the events scored', async () => {
      const count = await pool.query<{ n: string }>("SELECT count(*) AS n FROM lead_events WHERE lead_id LIKE 'cli-lead-%'");
      const leads = await pool.query<{ n: string }>("SELECT count(*) AS n FROM lead_projections WHERE lead_id LIKE 'cli-lead-%'");
      return Number(count.rows[0].n) >= 3000 && Number(leads.rows[0].n) === 40 ? Number(count.rows[0].n) : undefined;
    });
    expect(stored).toBe(3000);
    // Six batches per send at 1 request/s with a burst of 2: some met a 429 and were sent again, same ids, deduplicated.
    const metrics = await (await fetch(`${urls.ingest}/metrics`)).text();
    expect(Number(/^leadscore_ingest_rate_limited_total(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(0);
  });

  it('send names each refused line with its field errors and exits 1, the other lines accepted', async () => {
    const path = file('mixed.jsonl', ['{"leadId":"cli-mixed","type":"page_visit"}', 'not json', '{"leadId":"bad id!","type":"page_visit"}', '', '{"leadId":"cli-mixed","type":"inactivity_tick"}', '{"leadId":"cli-mixed","type":"email_open"}'].join('\n'));
    const run = await cli('send', path);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('5 lines: 2 accepted, 3 refused');
    expect(run.stdout).toContain('accepted lines: 1, 6');
    expect(run.stdout).toMatch(/line 2: line: not JSON/);
    expect(run.stdout).toMatch(/line 3: leadId: leadId must be/);
    expect(run.stdout).toMatch(/line 5: type: /);
  });

  it('leads list, show and timeline show the scored leads; the timeline has one row per event with the rules that gave its points', async () => {
    const list = await cli('leads', 'list', '--limit', '5');
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^LEAD\s+SCORE/);
    const show = await cli('-o', 'json', 'leads', 'show', 'cli-lead-0');
    expect(show.code).toBe(0);
    const lead = JSON.parse(show.stdout) as { score: number; eventCount: number };
    expect(lead.eventCount).toBe(75);
    const timeline = await cli('leads', 'timeline', 'cli-lead-0', '--limit', '500');
    expect(timeline.code).toBe(0);
    const rows = timeline.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(75);
    expect(rows.some((row) => /whitepaper_download\s+\+15\s+whitepaper \+15/.test(row))).toBe(true);
    const unknown = await cli('leads', 'show', 'nobody-here');
    expect(unknown.code).toBe(1);
    // --sort goes to the ops API as is: winProbability lists (no model active: no WIN column), anything else is refused by field.
    const byWin = await cli('leads', 'list', '--sort', 'winProbability', '--limit', '5');
    expect(byWin.code).toBe(0);
    expect(byWin.stdout.split('\n')[0]).toMatch(/^LEAD\s+SCORE\s+FIT/);
    const badSort = await cli('leads', 'list', '--sort', 'probability');
    expect(badSort.code).toBe(1);
    expect(badSort.stdout + badSort.stderr).toContain('sort must be one of score, winProbability');
  });

  it('rules diff shows per-stage counts and top movers of a simulation as tables; simulate summarises it', async () => {
    const pushed = await cli('-o', 'json', 'rules', 'push', file('poorer.yaml', SIMPLE_RULES_YAML.replace('name: e2e-simple', 'name: e2e-poorer').replace('points: 15', 'points: 1')));
    const { version } = JSON.parse(pushed.stdout) as { version: number };
    const diff = await cli('rules', 'diff', String(version));
    expect(diff.code).toBe(0);
    expect(diff.stdout).toMatch(/changed leads: \d+/);
    expect(diff.stdout).toMatch(/STAGE\s+BEFORE\s+AFTER\s+CHANGE/);
    expect(diff.stdout).toMatch(/top movers\nLEAD\s+BEFORE\s+AFTER\s+CHANGE/);
    expect(diff.stdout).toMatch(/changed leads: [1-9]/);
    // A whitepaper worth 1 instead of 15: the leads at the ceiling (200, sql) fall back.
    expect(diff.stdout).toMatch(/cli-lead-\d+\s+200 sql\s+\d+ \w+\s+-\d+/);
    const simulate = await cli('rules', 'simulate', String(version));
    expect(simulate.code).toBe(0);
    expect(simulate.stdout).toMatch(/whitepaper\s+\+\d+/);
  });

  it('replay runs to switched and prints its result', async () => {
    const run = await cli('-o', 'json', 'replay', '1');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'switched', rulesVersion: 1 });
  });

  it('sources create shows the write key once, ingest takes it, sources revoke ends it', async () => {
    const created = await cli('-o', 'json', 'sources', 'create', 'cli-website');
    expect(created.code).toBe(0);
    const source = JSON.parse(created.stdout) as { id: string; writeKey: string };
    const post = (key: string) => fetch(`${urls.ingest}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ leadId: 'cli-src', type: 'page_visit' }) });
    expect((await post(source.writeKey)).status).toBe(202);
    expect((await cli('sources', 'revoke', source.id)).code).toBe(0);
    await waitFor('the key refused', async () => ((await post(source.writeKey)).status === 401 ? true : undefined), 15_000);
  });

  it('routing set stores teams and shows new secrets once; routing get shows them without secrets', async () => {
    const path = file('routing.json', JSON.stringify({ teams: [{ id: 'emea', members: ['ana'], strategy: 'round_robin', webhook: { url: 'http://127.0.0.1:9/hook' } }] }));
    const set = await cli('routing', 'set', path);
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/new secret for emea: whsec_/);
    const get = await cli('routing', 'get');
    expect(get.stdout).toMatch(/emea\s+any\s+ana\s+http:\/\/127\.0\.0\.1:9\/hook/);
    expect(get.stdout).not.toContain('whsec_');
    const refused = await cli('routing', 'set', file('bad-routing.json', '{"teams":[{"id":"Bad Id"}]}'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/teams\.0\.id: /);
  });

  it('insights shows the cohort funnel and sources as tables, and a window refused by the server exits 1 with the field', async () => {
    const run = await cli('insights', '--from', '2026-01-01T00:00:00Z', '--to', '2027-01-01T00:00:00Z');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^leads first seen in \[2026-01-01T00:00:00(\.000)?Z, 2027-01-01T00:00:00(\.000)?Z\): \d+/);
    // The leads of `send` have no source: their row says so.
    expect(run.stdout).toMatch(/^\(none\)\s+\d+/m);
    expect(run.stdout).toMatch(/STAGE\s+REACHED\s+FROM PREVIOUS/);
    const backwards = await cli('insights', '--from', '2027-01-01T00:00:00Z', '--to', '2026-01-01T00:00:00Z');
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toMatch(/^(from|to): /m);
    expect((await cli('insights', '--from', '2026-01-01')).code).toBe(2);
  });

  it('tokens create shows a scoped token once, which opens its scope only; tokens list and audit show it; tokens revoke ends it', async () => {
    const created = await cli('-o', 'json', 'tokens', 'create', 'cli-bi', '--scope', 'insights:read');
    expect(created.code).toBe(0);
    const token = JSON.parse(created.stdout) as { id: string; token: string; scopes: string[] };
    expect(token.scopes).toEqual(['insights:read']);
    const withToken = (...args: string[]) => runCli(args, { ...cliEnv, LEADSCORE_TOKEN: token.token });
    expect((await withToken('insights', '--from', '2026-01-01', '--to', '2026-12-01')).code).toBe(0);
    const refused = await withToken('leads', 'list');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('missing scope "leads:read"');
    const list = await cli('tokens', 'list');
    expect(list.stdout).toMatch(new RegExp(`${token.id}\\s+cli-bi\\s+insights:read\\s+active`));
    const audit = await cli('audit', '--kind', 'token.created');
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('token.created');
    expect((await cli('tokens', 'revoke', token.id)).code).toBe(0);
    await waitFor('the token refused', async () => ((await withToken('insights', '--from', '2026-01-01', '--to', '2026-12-01')).code === 1 ? true : undefined), 10_000);
  });

  it('leads export prints every stored fact of a lead; leads erase --wait erases it, and then show and export are refused', async () => {
    const post = await fetch(`${urls.ingest}/v1/events`, {
      method: 'POST', headers: { authorization: `Bearer ${WRITE_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ leadId: 'cli-erase-1', type: 'identify', traits: { email: 'erase.me@acme.test' } }),
    });
    expect(post.status).toBe(202);
    await waitFor('the lead scored', async () => ((await cli('leads', 'show', 'cli-erase-1')).code === 0 ? true : undefined), 20_000);
    const exported = await cli('leads', 'export', 'cli-erase-1');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('erase.me@acme.test');
    const erased = await cli('-o', 'json', 'leads', 'erase', 'cli-erase-1', '--wait', '--timeout', '2');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ status: 'done' });
    expect((await cli('leads', 'show', 'cli-erase-1')).code).toBe(1);
    expect((await cli('leads', 'export', 'cli-erase-1')).code).toBe(1);
  });

  it('every app, the workers included, serves an OpenAPI 3.1 document and /docs', async () => {
    for (const url of Object.values(urls)) {
      const document = (await (await fetch(`${url}/openapi.json`)).json()) as OpenAPIObject;
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/metrics']));
      expect((await fetch(`${url}/docs`)).status).toBe(200);
    }
  });
});
