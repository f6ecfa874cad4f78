import { type LeadState } from './lead-state';

/**
 * The parts of a state the engine replaces but never edits (traits, traitsAt, the layouts, fit,
 * insights: see cloneLeadState, mergeTraits, recordMilestones), each written as JSON once: from
 * one batch to the next a lead keeps most of them, so only its counters and number arrays are
 * written again.
 */
const written = new WeakMap<object, string>();

function shared(value: object): string {
  let json = written.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    written.set(value, json);
  }
  return json;
}

/** A number as JSON writes it (a number that is not finite is null), or null. */
function num(value: number | null): string {
  return value !== null && Number.isFinite(value) ? String(value) : 'null';
}

/**
 * `JSON.stringify(state)`, the same JSON value (key for key), at a fraction of its cost for a
 * state the worker writes batch after batch: what the batch did not replace is not written again.
 */
export function leadStateJson(state: LeadState): string {
  const l = state.ledger;
  return `{"leadId":${JSON.stringify(state.leadId)},"score":${num(state.score)},"fitScore":${num(state.fitScore)},` +
    `"engagementScore":${num(state.engagementScore)},"grade":${JSON.stringify(state.grade)},"stage":${JSON.stringify(state.stage)},` +
    `"traits":${shared(state.traits)},"eventCount":${num(state.eventCount)},"firstSeenAt":${num(state.firstSeenAt)},` +
    `"lastActivityAt":${num(state.lastActivityAt)},"ruleVersion":${num(state.ruleVersion)},"mergedInto":${JSON.stringify(state.mergedInto)},` +
    `"insights":${shared(state.insights)},"ledger":{"valuedAt":${num(l.valuedAt)},"layout":${num(l.layout)},"groups":${shared(l.groups)},` +
    `"live":${JSON.stringify(l.live)},"decaying":${JSON.stringify(l.decaying)},"expiring":${JSON.stringify(l.expiring)},` +
    `"rules":${shared(l.rules)},"windows":${JSON.stringify(l.windows)},"totals":${JSON.stringify(l.totals)},"fit":${shared(l.fit)},` +
    `"traitsAt":${shared(l.traitsAt)},"belowMqlSinceNurture":${l.belowMqlSinceNurture === true},"peakScore":${num(l.peakScore)}}}`;
}
