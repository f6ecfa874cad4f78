import { parseLeadScoreChangedValue } from '@leadscore/contracts';
import { type BatchStep, type ConsumedMessage, dlq, drop, ok } from '@leadscore/kafka';
import { type Promotion } from './create-handoffs';

/** Step `parse-score-change`: promotions to `mql` or `sql` go on; other changes are dropped; what does not parse is dead-lettered. */
export const parseScoreChangeStep: BatchStep<ConsumedMessage, Promotion> = {
  name: 'parse-score-change',
  run: (messages) => messages.map((message) => {
    const parsed = parseLeadScoreChangedValue(message.value);
    if (!parsed.ok) return dlq(parsed.reason);
    const { promotion } = parsed.message;
    return promotion === 'mql' || promotion === 'sql' ? ok(parsed.message as Promotion) : drop('not a promotion');
  }),
};
