import { JsonLogger } from './json-logger';
import { REDACT_DEPTH, REDACTED, redactRecord, withoutQuery } from './log-redaction';

const EMAIL = 'ana.lima@acme.test';
const WRITE_KEY = 'wk_live_5f2c9d';
const ADMIN_TOKEN = 'adm_91b7e4';

function written(fields: Record<string, unknown>): string {
  const lines: string[] = [];
  new JsonLogger('ingest', 'debug', (line) => lines.push(line)).child('test').warn('record', fields);
  return lines[0];
}

describe('log redaction', () => {
  const record = {
    leadId: 'lead-1',
    traits: { email: EMAIL, company: 'Acme' },
    properties: { plan: 'enterprise', contact: EMAIL },
    email: EMAIL,
    lead: { email: EMAIL, score: 40 },
    event: { payload: { user: { email: EMAIL } } },
    headers: { authorization: `Bearer ${WRITE_KEY}`, 'content-type': 'application/json' },
    request: { headers: { Authorization: `Basic ${WRITE_KEY}` }, query: { k: WRITE_KEY, lead: 'lead-1' } },
    writeKey: WRITE_KEY,
    source: { writeKeys: [WRITE_KEY] },
    adminToken: ADMIN_TOKEN,
    auth: { token: ADMIN_TOKEN },
    url: `/v1/pixel.gif?k=${WRITE_KEY}&lead=lead-1`,
  };

  it('writes no trait, property, email, Authorization header, write key, token or `?k=`, and keeps the rest', () => {
    const line = written(record);
    for (const secret of [EMAIL, WRITE_KEY, ADMIN_TOKEN, 'Acme', 'enterprise']) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({
      leadId: 'lead-1',
      traits: REDACTED,
      properties: REDACTED,
      lead: { email: REDACTED, score: 40 },
      headers: { authorization: REDACTED, 'content-type': 'application/json' },
      request: { query: { k: REDACTED, lead: 'lead-1' } },
      url: '/v1/pixel.gif',
      msg: 'record',
    });
  });

  it(`reaches an email ${REDACT_DEPTH} objects below the record, in arrays too`, () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: [{ h: { email: EMAIL } }] } } } } } } };
    expect(written(deep)).not.toContain(EMAIL);
  });

  it('leaves a record with nothing to redact as it is (no copy)', () => {
    const clean = { method: 'POST', route: '/v1/events', status: 202, nested: { ok: [1, 2] } };
    expect(redactRecord(clean)).toBe(clean);
  });

  it('cuts the query and fragment off a URL, and leaves other values alone', () => {
    expect(withoutQuery('/v1/pixel.gif?k=x&lead=y')).toBe('/v1/pixel.gif');
    expect(withoutQuery('https://hooks.example/in#k=x')).toBe('https://hooks.example/in');
    expect(withoutQuery('/v1/events')).toBe('/v1/events');
    expect(withoutQuery(42)).toBe(42);
  });
});
