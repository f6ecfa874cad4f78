import { toCents } from './cents';
import { type CompiledRuleSet } from './compile-rule-set';
import { type StageChange } from './fold-result';
import { type LeadState } from './lead-state';
import { applyFeedback } from './sales-feedback';
import { INACTIVITY_TICK, SALES_FEEDBACK, type ScoringEvent } from './scoring-event';
import { type Promotion } from './stage';

export interface StageStep {
  stageChange: StageChange | null;
  promotion: Promotion | null;
  note?: string;
}

/**
 * Moves the lead's stage after an event was scored: sales feedback and dormancy first; when they
 * changed nothing, the score may promote. A score never moves a lead to a lower stage.
 */
export function stepStage(state: LeadState, event: ScoringEvent, ruleSet: CompiledRuleSet): StageStep {
  const step = eventStep(state, event, ruleSet) ?? scoreStep(state, ruleSet);
  if (step.stageChange !== null) state.stage = step.stageChange.to;
  trackNurture(state, step.stageChange !== null && state.stage === 'nurture', ruleSet);
  return step;
}

const UNCHANGED: StageStep = Object.freeze({ stageChange: null, promotion: null });

/** Feedback and dormancy; null when the event is neither. A refused action still runs the score step. */
function eventStep(state: LeadState, event: ScoringEvent, ruleSet: CompiledRuleSet): StageStep | null {
  const from = state.stage;
  if (event.type === SALES_FEEDBACK) {
    const outcome = applyFeedback(from, event.properties.action);
    if ('note' in outcome) return { ...scoreStep(state, ruleSet), note: outcome.note };
    return { stageChange: { from, to: outcome.to, cause: 'feedback' }, promotion: outcome.promotion };
  }
  if (event.type === INACTIVITY_TICK && isDormantCustomer(state, event, ruleSet)) {
    return { stageChange: { from, to: 'inactive', cause: 'inactivity' }, promotion: null };
  }
  return null;
}

function scoreStep(state: LeadState, ruleSet: CompiledRuleSet): StageStep {
  const promotion = promotionByScore(state, ruleSet);
  return promotion === null ? UNCHANGED : { stageChange: { from: state.stage, to: promotion, cause: 'score' }, promotion };
}

/** new → mql → sql by score; one event crossing both goes straight to sql. Nurture needs a fresh crossing. */
function promotionByScore(state: LeadState, ruleSet: CompiledRuleSet): Promotion | null {
  switch (state.stage) {
    case 'nurture':
      if (!state.ledger.belowMqlSinceNurture) return null;
      return reachesSql(state, ruleSet) ? 'sql' : reachesMql(state, ruleSet) ? 'mql' : null;
    case 'new':
      return reachesSql(state, ruleSet) ? 'sql' : reachesMql(state, ruleSet) ? 'mql' : null;
    case 'mql':
    case 'contacted':
      return reachesSql(state, ruleSet) ? 'sql' : null;
    case 'sql':
    case 'opportunity':
    case 'customer':
    case 'unqualified':
    case 'inactive':
      return null;
  }
}

function reachesMql(state: LeadState, ruleSet: CompiledRuleSet): boolean {
  return toCents(state.score) >= ruleSet.mqlCents;
}

function reachesSql(state: LeadState, ruleSet: CompiledRuleSet): boolean {
  return toCents(state.score) >= ruleSet.sqlCents && toCents(state.fitScore) >= ruleSet.sqlMinFitCents;
}

function isDormantCustomer(state: LeadState, event: ScoringEvent, ruleSet: CompiledRuleSet): boolean {
  const after = ruleSet.customerInactiveAfterMs;
  if (state.stage !== 'customer' || after === null || state.lastActivityAt === null) return false;
  return event.occurredAt - state.lastActivityAt >= after;
}

/** "Below mql since nurture": reset on entering nurture, set once the score is under mql. */
function trackNurture(state: LeadState, enteredNurture: boolean, ruleSet: CompiledRuleSet): void {
  if (enteredNurture) state.ledger.belowMqlSinceNurture = false;
  if (state.stage === 'nurture' && !reachesMql(state, ruleSet)) state.ledger.belowMqlSinceNurture = true;
}

