import { type Promotion, type Stage } from './stage';

export const FEEDBACK_ACTIONS = ['contacted', 'accept', 'reject', 'opportunity', 'won', 'lost', 'disqualify'] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

/**
 * What each sales action does, and from which stages it makes sense (docs/stages.md "Sales feedback"). `accept` hands the lead off as an SQL; an unqualified lead is never handed off.
 */
const FEEDBACK: Record<FeedbackAction, { to: Stage; from: readonly Stage[]; promotion?: Promotion }> = {
  contacted: { to: 'contacted', from: ['new', 'mql', 'nurture'] },
  accept: { to: 'sql', from: ['new', 'mql', 'contacted', 'nurture'], promotion: 'sql' },
  reject: { to: 'nurture', from: ['mql', 'contacted', 'sql'] },
  opportunity: { to: 'opportunity', from: ['mql', 'contacted', 'sql'] },
  won: { to: 'customer', from: ['new', 'mql', 'contacted', 'sql', 'opportunity', 'nurture', 'inactive'] },
  lost: { to: 'nurture', from: ['mql', 'contacted', 'sql', 'opportunity'] },
  disqualify: { to: 'unqualified', from: ['new', 'mql', 'contacted', 'sql', 'opportunity', 'nurture'] },
};

export type FeedbackOutcome = { to: Stage; promotion: Promotion | null } | { note: string };

/** The stage a feedback action leads to from `stage`, or a note saying why it changes nothing. */
export function applyFeedback(stage: Stage, action: unknown): FeedbackOutcome {
  if (typeof action !== 'string' || !(FEEDBACK_ACTIONS as readonly string[]).includes(action)) {
    return { note: `unknown feedback action ${JSON.stringify(action)}; expected one of ${FEEDBACK_ACTIONS.join(', ')}` };
  }
  const effect = FEEDBACK[action as FeedbackAction];
  if (effect.from.includes(stage)) return { to: effect.to, promotion: effect.promotion ?? null };
  if (stage === effect.to) return { note: `${action} changes nothing: the lead is already ${stage}` };
  return { note: `${action} changes nothing in stage ${stage}: it applies to ${effect.from.join(', ')}` };
}
