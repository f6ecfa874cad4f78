/**
 * Throughput of the scoring fold (libs/scoring foldBatch) with rules/default.yaml, on one core.
 * 2,000,000 deterministic events over 10,000 leads with a realistic type mix (2% arrive late).
 * `eventsPerSecond`: each lead's history folded in one foldBatch (a replay; the fold's own speed).
 * `workerBatchEventsPerSecond`: the worker's shape — the log cut into batches of 500, grouped by
 * lead, one foldBatch per lead and batch (about one event per call, so the per-call copy of the
 * lead weighs in), states kept in memory between batches and each written as JSON (the store's
 * jsonb), as the worker does; `workerBatchDecodedEventsPerSecond` also reads each state from JSON
 * before its call (the worker before it kept states). Events are built before, as the worker parses them; state decode, fold and encode are
 * timed. Warm-up first.
 *
 *   npm run build && node dist/bench/fold.bench.js                (from the repository root)
 *   EVENTS=500000 LEADS=5000 node dist/bench/fold.bench.js        (smaller)
 */
import { reservedProducerOf } from '@leadscore/contracts';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import {
  compileRuleSet,
  foldBatch,
  initialLeadState,
  parseRuleSet,
  type CompiledRuleSet,
  type LeadState,
  type ScoringEvent,
} from '../libs/scoring/src';
import { seeded } from './seeded';

const EVENTS = Number(process.env.EVENTS ?? 2_000_000);
const LEADS = Number(process.env.LEADS ?? 10_000);
const BATCH = 500;
/** The worker-shaped run parses and writes states as JSON around every call: its first 1M events are plenty. */
const WORKER_EVENTS = Math.min(EVENTS, 1_000_000);
const START = Date.UTC(2026, 0, 5);
const SPAN_MS = 180 * 86_400_000;

const URLS = ['/', '/blog/lead-scoring', '/product', '/pricing', '/demo', '/docs/api', '/careers', '/customers'].map((path) => ({
  url: `https://leadscore.example${path}`,
}));
const FORMS = [{ form: 'newsletter' }, { form: 'demo_request' }, { form: 'contact' }];
const ACTIONS = ['contacted', 'accept', 'reject', 'opportunity', 'won', 'lost'].map((action) => ({ action, by: 'alice' }));
const TRAITS = [
  { jobTitle: 'VP Marketing', companySize: 1200, country: 'FR', email: 'a@acme.fr' },
  { jobTitle: 'Marketing Manager', companySize: 300, country: 'DE', email: 'b@corp.de' },
  { jobTitle: 'Student', companySize: 5, country: 'BR', email: 'c@gmail.com' },
  { jobTitle: 'Head of Sales', companySize: 80, country: 'US' },
];
const NONE = {};
/** [type, cumulative weight, properties pool]. */
const MIX: Array<[string, number, ReadonlyArray<Record<string, unknown>>]> = [
  ['page_visit', 0.38, URLS],
  ['email_open', 0.6, [NONE]],
  ['email_click', 0.68, [NONE]],
  ['video_view', 0.73, [NONE]],
  ['whitepaper_download', 0.76, [{ asset: 'guide' }]],
  ['form_submit', 0.78, FORMS],
  ['webinar_registration', 0.79, [NONE]],
  ['identify', 0.82, [NONE]],
  ['inactivity_tick', 0.92, [NONE]],
  ['unsubscribe', 0.925, [NONE]],
  ['email_bounce', 0.93, [NONE]],
  ['sales_feedback', 0.94, ACTIONS],
  ['app_login', 1, [NONE]],
];

/** The log, as columns: what each event is, decided in log order by one seeded generator. */
interface Log {
  type: Uint8Array;
  pick: Uint8Array;
  lead: Uint32Array;
  occurredAt: Float64Array;
}

function generate(): Log {
  const random = seeded(42);
  const log: Log = {
    type: new Uint8Array(EVENTS),
    pick: new Uint8Array(EVENTS),
    lead: new Uint32Array(EVENTS),
    occurredAt: new Float64Array(EVENTS),
  };
  for (let i = 0; i < EVENTS; i++) {
    const r = random();
    log.type[i] = MIX.findIndex(([, weight]) => r < weight);
    const late = random() < 0.02 ? Math.floor(random() * 6 * 3_600_000) : 0;
    log.lead[i] = Math.floor(random() * LEADS);
    log.pick[i] = Math.floor(random() * 256);
    log.occurredAt[i] = START + Math.floor((i / EVENTS) * SPAN_MS) - late;
  }
  return log;
}

/** Event objects are built in the order a mode reads them, as the worker's freshly parsed ones are. */
function eventAt(log: Log, i: number): ScoringEvent {
  const [type, , pool] = MIX[log.type[i]];
  const lead = log.lead[i];
  return {
    eventId: `e${i}`,
    leadId: `lead-${lead}`,
    type,
    occurredAt: log.occurredAt[i],
    source: 'bench',
    producer: reservedProducerOf(type) ?? 'public',
    properties: pool[log.pick[i] % pool.length],
    traits: type === 'identify' ? TRAITS[lead % TRAITS.length] : null,
  };
}

/** Event positions of each lead, in log order. */
function positionsByLead(log: Log): Int32Array[] {
  const counts = new Int32Array(LEADS);
  for (let i = 0; i < EVENTS; i++) counts[log.lead[i]]++;
  const positions = Array.from(counts, (count) => new Int32Array(count));
  counts.fill(0);
  for (let i = 0; i < EVENTS; i++) positions[log.lead[i]][counts[log.lead[i]]++] = i;
  return positions;
}

function freshStates(): LeadState[] {
  return Array.from({ length: LEADS }, (_, i) => initialLeadState(`lead-${i}`));
}

/**
 * Whole histories (a replay): one foldBatch per lead over all its events. Each lead's events are
 * built just before its call, as a replay reads them page by page; only the calls are timed.
 */
function runHistories(log: Log, positions: Int32Array[], ruleSet: CompiledRuleSet): number {
  const states = freshStates();
  let ns = 0n;
  for (let lead = 0; lead < LEADS; lead++) {
    const events = Array.from(positions[lead], (i) => eventAt(log, i));
    const start = process.hrtime.bigint();
    states[lead] = foldBatch(states[lead], events, ruleSet).state;
    ns += process.hrtime.bigint() - start;
  }
  return Number(ns) / 1e6;
}

/**
 * The worker's shape: the log cut into batches of 500, grouped by lead, one foldBatch per lead and
 * batch, and the state written back as JSON (the jsonb column of lead_projections) by `encode`.
 * `decode`: the state is also read back from JSON before each call (a worker that keeps no state
 * of its own: the store's copy every batch); without it, states stay in memory between batches as
 * the scoring worker keeps them for the leads of its partitions (apps/scoring LeadStateCache).
 * Timed: decode, foldBatch and encode; the events are built before, as the worker parses them.
 */
function runBatches(log: Log, ruleSet: CompiledRuleSet, upTo: number, shape: { decode: boolean; encode: (state: LeadState) => string }): number {
  const { decode, encode } = shape;
  const initial = freshStates();
  const stored = initial.map((state) => JSON.stringify(state));
  let ns = 0n;
  let written = 0;
  for (let first = 0; first < upTo; first += BATCH) {
    const byLead = new Map<number, ScoringEvent[]>();
    for (let i = first; i < Math.min(upTo, first + BATCH); i++) {
      const list = byLead.get(log.lead[i]);
      if (list) list.push(eventAt(log, i));
      else byLead.set(log.lead[i], [eventAt(log, i)]);
    }
    const start = process.hrtime.bigint();
    for (const [lead, events] of byLead) {
      const before = decode ? (JSON.parse(stored[lead]) as LeadState) : initial[lead];
      const { state } = foldBatch(before, events, ruleSet);
      stored[lead] = encode(state);
      initial[lead] = state;
      written += stored[lead].length;
    }
    ns += process.hrtime.bigint() - start;
  }
  if (written === 0) throw new Error('nothing folded');
  return Number(ns) / 1e6;
}

/** rules/default.yaml above this file (dist/bench/ or bench/), else in the working directory. */
function loadDefaultRuleSet(): CompiledRuleSet {
  let dir = __dirname;
  while (!existsSync(join(dir, 'rules', 'default.yaml')) && dirname(dir) !== dir) dir = dirname(dir);
  const file = existsSync(join(dir, 'rules', 'default.yaml')) ? join(dir, 'rules', 'default.yaml') : join(process.cwd(), 'rules', 'default.yaml');
  const parsed = parseRuleSet(readFileSync(file, 'utf8'), 'yaml');
  if (!parsed.ok) throw new Error(`rules/default.yaml is invalid: ${JSON.stringify(parsed.errors)}`);
  return compileRuleSet(parsed.definition, 1);
}

function main(): void {
  const ruleSet = loadDefaultRuleSet();
  const log = generate();
  const positions = positionsByLead(log);
  runHistories(log, positions, ruleSet); // warm-up
  const encode = (state: LeadState) => JSON.stringify(state);
  const worker = { decode: false, encode };
  const storeEveryBatch = { decode: true, encode };
  runBatches(log, ruleSet, Math.min(EVENTS, 100_000), storeEveryBatch);
  runBatches(log, ruleSet, Math.min(EVENTS, 100_000), worker);
  const historiesMs = Math.min(...[1, 2, 3, 4, 5].map(() => runHistories(log, positions, ruleSet)));
  const decodedMs = runBatches(log, ruleSet, WORKER_EVENTS, storeEveryBatch);
  const keptMs = runBatches(log, ruleSet, WORKER_EVENTS, worker);
  const eventsPerSecond = Math.round(EVENTS / (historiesMs / 1000));
  const workerBatchEventsPerSecond = Math.round(WORKER_EVENTS / (keptMs / 1000));
  const workerBatchDecodedEventsPerSecond = Math.round(WORKER_EVENTS / (decodedMs / 1000));
  console.log(JSON.stringify({
    bench: 'fold', eventsPerSecond, events: EVENTS, leads: LEADS, workerBatchEventsPerSecond, workerBatchDecodedEventsPerSecond,
    workerBatchEvents: WORKER_EVENTS, batchSize: BATCH, loadAverage: loadavg().map((n) => Math.round(n * 10) / 10),
  }));
  console.log(
    `fold: ${eventsPerSecond.toLocaleString('en')} events/s folding each lead's history in one foldBatch ` +
      `(${EVENTS.toLocaleString('en')} events, ${LEADS.toLocaleString('en')} leads, best of 5); ` +
      `${workerBatchEventsPerSecond.toLocaleString('en')} events/s in worker-shaped batches of ${BATCH} ` +
      `(first ${WORKER_EVENTS.toLocaleString('en')} events, states kept in memory, each written as JSON), ` +
      `${workerBatchDecodedEventsPerSecond.toLocaleString('en')} events/s when each state is also read from JSON first`,
  );
}

main();
