/**
 * Throughput of the scoring fold (libs/scoring foldBatch) with rules/default.yaml, on one core.
 * 2,000,000 deterministic events over 10,000 leads with a realistic type mix (2% arrive late),
 * folded the way the worker does it: the log cut into batches of 500, each batch grouped by lead,
 * one foldBatch per lead and batch. A second figure folds each lead's whole history in one call
 * (what a replay does). Warm-up run first, then the timed run on fresh states.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/fold.bench.js     (from the repository root)
 *   EVENTS=500000 LEADS=5000 node dist/bench/fold.bench.js                (smaller)
 */
import { existsSync, readFileSync } from 'node:fs';
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

const EVENTS = Number(process.env.EVENTS ?? 2_000_000);
const LEADS = Number(process.env.LEADS ?? 10_000);
const BATCH = 500;
const START = Date.UTC(2026, 0, 5);
const SPAN_MS = 180 * 86_400_000;

/** mulberry32: a small seeded generator, so every run folds the same events. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const [type, , pool] = MIX[log.type[i]!]!;
  const lead = log.lead[i]!;
  return {
    eventId: `e${i}`,
    leadId: `lead-${lead}`,
    type,
    occurredAt: log.occurredAt[i]!,
    source: 'bench',
    properties: pool[log.pick[i]! % pool.length]!,
    traits: type === 'identify' ? TRAITS[lead % TRAITS.length]! : null,
  };
}

/** The log cut into worker batches, each grouped by lead (the worker's own step, not timed). */
function workerBatches(log: Log): Array<Array<[number, ScoringEvent[]]>> {
  const batches: Array<Array<[number, ScoringEvent[]]>> = [];
  for (let start = 0; start < EVENTS; start += BATCH) {
    const byLead = new Map<number, ScoringEvent[]>();
    for (let i = start; i < Math.min(EVENTS, start + BATCH); i++) {
      const list = byLead.get(log.lead[i]!);
      if (list) list.push(eventAt(log, i));
      else byLead.set(log.lead[i]!, [eventAt(log, i)]);
    }
    batches.push([...byLead]);
  }
  return batches;
}

/** Each lead's whole history, in log order. */
function histories(log: Log): ScoringEvent[][] {
  const positions = Array.from({ length: LEADS }, () => [] as number[]);
  for (let i = 0; i < EVENTS; i++) positions[log.lead[i]!]!.push(i);
  return positions.map((list) => list.map((i) => eventAt(log, i)));
}

function freshStates(): LeadState[] {
  return Array.from({ length: LEADS }, (_, i) => initialLeadState(`lead-${i}`));
}

function runBatches(batches: Array<Array<[number, ScoringEvent[]]>>, ruleSet: CompiledRuleSet): { ms: number; states: LeadState[] } {
  const states = freshStates();
  const start = process.hrtime.bigint();
  for (const batch of batches) {
    for (const [lead, leadEvents] of batch) states[lead] = foldBatch(states[lead], leadEvents, ruleSet).state;
  }
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, states };
}

function runHistories(byLead: ScoringEvent[][], ruleSet: CompiledRuleSet): number {
  const states = freshStates();
  const start = process.hrtime.bigint();
  for (let lead = 0; lead < byLead.length; lead++) states[lead] = foldBatch(states[lead], byLead[lead], ruleSet).state;
  return Number(process.hrtime.bigint() - start) / 1e6;
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
  const byLead = histories(log);
  const batches = workerBatches(log);
  runBatches(batches, ruleSet);
  runHistories(byLead, ruleSet);
  const timed = runBatches(batches, ruleSet);
  const replayMs = runHistories(byLead, ruleSet);
  const eventsPerSecond = Math.round(EVENTS / (timed.ms / 1000));
  const replayEventsPerSecond = Math.round(EVENTS / (replayMs / 1000));
  const mql = timed.states.filter((s) => s.stage !== 'new').length;
  console.log(JSON.stringify({ bench: 'fold', eventsPerSecond, events: EVENTS, leads: LEADS, batchSize: BATCH, replayEventsPerSecond }));
  console.log(
    `fold: ${eventsPerSecond.toLocaleString('en')} events/s in worker batches of ${BATCH} ` +
      `(${timed.ms.toFixed(0)} ms for ${EVENTS.toLocaleString('en')} events over ${LEADS.toLocaleString('en')} leads); ` +
      `${replayEventsPerSecond.toLocaleString('en')} events/s folding whole histories; ${mql} leads past new`,
  );
}

main();
