import { type FieldError, LEAD_ID_PATTERN, type LeadEventMessage } from '@leadscore/contracts';
import { FEEDBACK_ACTIONS, SALES_FEEDBACK } from '@leadscore/scoring';
import { moneyProblem } from '../insights/money';

export type FeedbackParse = { ok: true; event: LeadEventMessage } | { ok: false; errors: FieldError[] };

/** Checks a feedback request and turns it into the `sales_feedback` event that enters the log. */
export function feedbackEvent(input: { leadId: string; body: unknown; eventId: string; now: Date }): FeedbackParse {
  const errors: FieldError[] = [];
  if (!LEAD_ID_PATTERN.test(input.leadId)) errors.push({ path: 'leadId', message: 'expected 1-128 characters of [A-Za-z0-9._:@+-]' });
  const body = typeof input.body === 'object' && input.body !== null && !Array.isArray(input.body) ? (input.body as Record<string, unknown>) : null;
  if (body === null) return { ok: false, errors: [...errors, { path: '', message: 'expected a JSON object {action, amount, reason, by}' }] };
  if (typeof body.action !== 'string' || !(FEEDBACK_ACTIONS as readonly string[]).includes(body.action)) {
    errors.push({ path: 'action', message: `must be one of ${FEEDBACK_ACTIONS.join(', ')}` });
  }
  if (body.reason !== undefined && (typeof body.reason !== 'string' || body.reason.length > 2000)) errors.push({ path: 'reason', message: 'must be a string of at most 2000 characters' });
  if (body.by !== undefined && (typeof body.by !== 'string' || body.by.length > 128)) errors.push({ path: 'by', message: 'must be a string of at most 128 characters' });
  if (body.amount !== undefined) {
    const problem = body.action === 'won' ? moneyProblem(body.amount) : 'only a won action carries an amount';
    if (problem !== null) errors.push({ path: 'amount', message: problem });
  }
  if (errors.length > 0) return { ok: false, errors };
  const at = input.now.toISOString();
  return {
    ok: true,
    event: {
      v: 1, eventId: input.eventId, leadId: input.leadId, type: SALES_FEEDBACK, occurredAt: at, receivedAt: at, source: null,
      properties: { action: body.action, ...(body.amount !== undefined ? { amount: body.amount } : {}), ...(body.reason !== undefined ? { reason: body.reason } : {}), ...(body.by !== undefined ? { by: body.by } : {}) },
      traits: null, sourceKeyId: null, producer: 'admin',
    },
  };
}
