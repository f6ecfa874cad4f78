import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { Pool } from 'pg';
import { AppProcess } from './support/app-process';
import { type Chromium, launchChromium } from './support/chromium';
import { freePort } from './support/free-port';
import { readLeadCounts } from './support/lead-counts';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { type StaticSite, serveSite } from './support/static-site';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const TOKEN = 'browser-e2e-admin-token';
const ROOT = join(__dirname, '..');

jest.setTimeout(180_000);

// The page's globals, as the functions given to page.evaluate use them: they run in the browser
// (this program has no DOM library).
interface PageAnalytics {
  initialized?: boolean;
  page(): Promise<unknown>;
  identify(id: string, traits: object): Promise<unknown>;
  track(event: string, properties: object): Promise<unknown>;
  user(): { anonymousId(): string };
}
declare const window: { analytics: PageAnalytics };
declare const document: { getElementById(id: string): { insertAdjacentHTML(position: 'beforeend', html: string): void } };

/** The snippet of README.md "From your website", with its two hosts and the key replaced, as a site owner pastes it. */
function readmeSnippet(hosts: { site: string; ingest: string; writeKey: string }): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## From your website'));
  const snippet = /```html\n([\s\S]*?)```/.exec(section)?.[1];
  if (!snippet) throw new Error('README.md has no html snippet under "From your website"');
  return snippet.replaceAll('https://www.example.com', hosts.site).replaceAll('https://ingest.example.com', hosts.ingest).replaceAll('YOUR_WRITE_KEY', hosts.writeKey);
}

const sitePage = (snippet: string) => `<!doctype html><html><head><title>Acme: pricing</title>${snippet}</head>
<body style="font-family: sans-serif"><h1>Acme pricing</h1><p>This page runs README's analytics.js snippet.</p><ol id="sent"></ol></body></html>`;

/** What the browser saw of ingest: every answer, and every request that failed (CORS refusals are failures). */
function watchIngest(page: Page, ingestUrl: string) {
  const answers: Array<{ method: string; path: string; status: number }> = [];
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(ingestUrl)) answers.push({ method: response.request().method(), path: new URL(response.url()).pathname, status: response.status() });
  });
  page.on('requestfailed', (request) => failures.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
  return { answers, failures };
}

/**
 * The real analytics.js (`@segment/analytics-next`, served by the site from node_modules) in
 * Debian's Chromium, on a site whose origin is not ingest's, against the built apps (ingest,
 * scoring worker, admin) on real Kafka, PostgreSQL and Redis. Points (SIMPLE_RULES_YAML): page
 * +1, email open +2, whitepaper +15.
 */
describe('analytics.js in a real browser → ingest → scoring', () => {
  const namespace = uniqueNamespace('browser');
  const apps: AppProcess[] = [];
  let pool: Pool;
  let ingestUrl: string;
  let adminUrl: string;
  let site: StaticSite;
  let otherSite: StaticSite;
  let browser: Chromium;
  let writeKey: string;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
  const admin = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${adminUrl}${path}`, {
      method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json();
  };
  const leadReaches = (leadId: string, want: { score: number; eventCount: number }) => waitFor(`${leadId} to reach ${JSON.stringify(want)}`, async () => {
    const { byLead } = await readLeadCounts(pool);
    return JSON.stringify(byLead.get(leadId)) === JSON.stringify(want) ? true : undefined;
  }, 60_000);
  const storedFor = async (leadIds: string[]) => (await pool.query(`SELECT lead_id, type FROM lead_events WHERE lead_id = ANY($1) ORDER BY seq`, [leadIds])).rows;

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_browser');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    const [ingestPort, scoringPort, adminPort] = [await freePort(), await freePort(), await freePort()];
    const common = { KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl, LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: '3', LOG_LEVEL: 'warn' };
    apps.push(
      new AppProcess('ingest', { ...common, INGEST_PORT: String(ingestPort) }),
      new AppProcess('scoring', { ...common, SCORING_HTTP_PORT: String(scoringPort) }),
      new AppProcess('admin', { ...common, ADMIN_TOKEN: TOKEN, ADMIN_PORT: String(adminPort) }),
    );
    apps.forEach((app) => app.start());
    ingestUrl = `http://127.0.0.1:${ingestPort}`;
    adminUrl = `http://127.0.0.1:${adminPort}`;
    await waitForHttpOk(`${ingestUrl}/health/ready`);
    await waitForHttpOk(`http://127.0.0.1:${scoringPort}/health/ready`);
    await waitForHttpOk(`${adminUrl}/health/live`);

    // Two sites with the same pages; the source lists only the first one's origin.
    const pages: Record<string, string> = {};
    site = await serveSite(pages);
    otherSite = await serveSite(pages);
    const created = await admin('POST', '/v1/sources', { name: 'website', allowedOrigins: [site.origin] });
    writeKey = created.writeKey as string;
    expect(created.allowedOrigins).toEqual([site.origin]);
    pages.site = sitePage(readmeSnippet({ site: site.origin, ingest: ingestUrl, writeKey }));
    pages.other = sitePage(readmeSnippet({ site: otherSite.origin, ingest: ingestUrl, writeKey }));
    pages.blank = '<!doctype html><html><body><p>Another site</p></body></html>';
    pages.email = `<!doctype html><html><body><p>Hello Jane, our spring guide is out.</p>
      <img alt="" width="1" height="1" src="${ingestUrl}/v1/pixel.gif?k=${writeKey}&lead=web-email-reader&type=email_open&campaign=spring"></body></html>`;
    pages.leave = `<!doctype html><html><body><p>Leaving soon</p><script>
      addEventListener('pagehide', () => {
        navigator.sendBeacon('${ingestUrl}/v1/t', JSON.stringify({ writeKey: '${writeKey}', type: 'track', event: 'Pricing Left', anonymousId: 'web-beacon-visitor', messageId: 'web-beacon-1' }));
        fetch('${ingestUrl}/v1/p', { method: 'POST', keepalive: true, headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ writeKey: '${writeKey}', type: 'page', anonymousId: 'web-beacon-visitor', messageId: 'web-keepalive-1', properties: { url: location.href } }) });
      });</script></body></html>`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await otherSite?.close();
    for (const app of apps) await app.stop();
    await pool?.end();
  });

  it('README\'s snippet on a site: two anonymous pages, identify, track, each answered 2xx in the browser; the known lead is scored with its anonymous history', async () => {
    const page = await browser.context.newPage();
    const seen = watchIngest(page, ingestUrl);
    await page.goto(`${site.origin}/site.html`);
    await page.waitForFunction(() => window.analytics.initialized === true, undefined, { timeout: 30_000 });
    const anonymousId = await page.evaluate(async () => {
      const analytics = window.analytics;
      const sent = (what: string) => document.getElementById('sent').insertAdjacentHTML('beforeend', `<li>${what}</li>`);
      sent('page (anonymous, from the snippet)');
      await analytics.page();
      sent('page (anonymous)');
      await analytics.identify('web-known-1', { email: 'jane@acme.test', company: 'Acme' });
      sent('identify web-known-1');
      await analytics.track('Whitepaper Download', { asset: 'guide.pdf' });
      sent('track Whitepaper Download');
      return analytics.user().anonymousId();
    });
    await waitFor('the SDK calls to be answered', async () => (seen.answers.filter((answer) => answer.method === 'POST').length >= 4 ? true : undefined), 30_000, 100);
    const lines = seen.answers.map((answer) => `${answer.method} ${answer.path.replace(writeKey, '{writeKey}')} → ${answer.status}`);
    await page.evaluate((text) => document.getElementById('sent').insertAdjacentHTML('beforeend', `<li>ingest answered, as the browser saw it: ${text}</li>`), lines.join('; '));
    mkdirSync(join(ROOT, 'reports'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'reports', 'browser-analytics.png') });

    expect(seen.failures).toEqual([]);
    expect(seen.answers.filter((answer) => answer.status >= 300)).toEqual([]);
    expect(seen.answers.map((answer) => `${answer.method} ${answer.path}`).sort()).toEqual([
      `GET /v1/projects/${writeKey}/settings`, 'POST /v1/i', 'POST /v1/p', 'POST /v1/p', 'POST /v1/t',
    ]);
    // web-known-1: identify + whitepaper (15) + copies of the two anonymous pages (1 each).
    await leadReaches('web-known-1', { score: 17, eventCount: 4 });
    expect(await admin('GET', `/v1/leads/${anonymousId}`)).toMatchObject({ score: 2, mergedInto: 'web-known-1' });
    expect(await admin('GET', '/v1/leads/web-known-1')).toMatchObject({ traits: { email: 'jane@acme.test', company: 'Acme' } });
    await page.close();
  });

  it('refuses the same snippet on a site the source does not list: the browser reads a 403, nothing is stored', async () => {
    // Cookies ignore ports: without this, analytics.js would reuse the first site's anonymousId.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const seen = watchIngest(page, ingestUrl);
    await page.goto(`${otherSite.origin}/other.html`);
    await page.waitForFunction(() => window.analytics.initialized === true, undefined, { timeout: 30_000 });
    await waitFor('the SDK\'s page call to be refused', async () => (seen.answers.some((answer) => answer.path === '/v1/p' && answer.status === 403) ? true : undefined), 30_000, 100);
    const anonymousId = await page.evaluate(() => window.analytics.user().anonymousId());
    // What the page's own script can read of it: CORS lets the 403 and its Segment body through.
    const answer = await page.evaluate(async ({ url, key }) => {
      const response = await fetch(`${url}/v1/t`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Basic ${btoa(`${key}:`)}` }, body: JSON.stringify({ type: 'track', userId: 'web-refused-1', event: 'Signed Up' }) });
      return { status: response.status, body: (await response.json()) };
    }, { url: ingestUrl, key: writeKey });
    expect(answer).toEqual({ status: 403, body: { success: false, errors: [{ path: 'origin', message: 'this source\'s write key may not be used from this web origin' }] } });
    expect(seen.failures).toEqual([]);
    expect(seen.answers.filter((seenAnswer) => seenAnswer.method === 'POST' && seenAnswer.status !== 403)).toEqual([]);
    await page.close();
    // A server call (no Origin) after the refused ones is stored: by then the refused ones would be too.
    const sentinel = await fetch(`${ingestUrl}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ leadId: 'web-sentinel', type: 'page_visit' }) });
    expect(sentinel.status).toBe(202);
    await leadReaches('web-sentinel', { score: 1, eventCount: 1 });
    expect(await storedFor([anonymousId, 'web-refused-1'])).toEqual([]);
  });

  it('counts an HTML email opened in the browser: its <img> pixel, which sends no Origin, from a site the source does not list', async () => {
    const page = await browser.context.newPage();
    const pixel = page.waitForResponse((response) => response.url().startsWith(`${ingestUrl}/v1/pixel.gif`));
    await page.goto(`${otherSite.origin}/email.html`);
    const response = await pixel;
    expect([response.status(), response.headers()['content-type'], response.headers()['cache-control']]).toEqual([200, 'image/gif', 'no-store']);
    await leadReaches('web-email-reader', { score: 2, eventCount: 1 });
    await page.close();
  });

  it('lets the other site send once ops add its origin (PATCH /v1/sources/{id}), at once though ingest had the key cached', async () => {
    const sourceId = ((await admin('GET', '/v1/sources')) as { items: Array<{ id: string; name: string }> }).items.find((item) => item.name === 'website')!.id;
    const page = await browser.context.newPage();
    await page.goto(`${otherSite.origin}/blank.html`);
    const send = () => page.evaluate(async ({ url, key }) => (await fetch(`${url}/v1/t`, {
      method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ writeKey: key, type: 'track', userId: 'web-after-patch', event: 'Signed Up', messageId: `after-patch-${Date.now()}` }),
    })).status, { url: ingestUrl, key: writeKey });
    expect(await send()).toBe(403);
    const patched = await fetch(`${adminUrl}/v1/sources/${sourceId}`, {
      method: 'PATCH', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ allowedOrigins: [site.origin, otherSite.origin] }),
    });
    expect(patched.status).toBe(200);
    const patchedAt = Date.now();
    const status = await waitFor('the other site to be let in', async () => ((await send()) === 200 ? 200 : undefined), 5000, 50);
    expect(status).toBe(200);
    // Well within the 5 s cache time: the admin's announcement on Redis reached ingest.
    expect(Date.now() - patchedAt).toBeLessThan(2000);
    await page.close();
  });

  it('stores what a page sends as it unloads: navigator.sendBeacon and fetch keepalive (text/plain, the key in the body)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.origin}/leave.html`);
    await page.goto('about:blank');
    // pricing_left scores nothing, the page +1.
    await leadReaches('web-beacon-visitor', { score: 1, eventCount: 2 });
    expect((await storedFor(['web-beacon-visitor'])).map((row) => row.type).sort()).toEqual(['page_visit', 'pricing_left']);
    await page.close();
  });

  it('keeps the ops API without CORS: no preflight answer, no Access-Control-Allow-Origin', async () => {
    const preflight = await fetch(`${adminUrl}/v1/sources`, { method: 'OPTIONS', headers: { origin: site.origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
    expect(preflight.status).not.toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const list = await fetch(`${adminUrl}/v1/sources`, { headers: { origin: site.origin, authorization: `Bearer ${TOKEN}` } });
    expect(list.status).toBe(200);
    expect(list.headers.get('access-control-allow-origin')).toBeNull();
  });
});
