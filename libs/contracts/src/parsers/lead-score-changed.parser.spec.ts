import { parseLeadScoreChangedValue } from './lead-score-changed.parser';

const change = {
  v: 1, leadId: 'lead-1', causeEventId: 'e-1', seq: '7', ruleVersion: 1, occurredAt: '2026-03-01T10:00:00.000Z', score: 55, fitScore: 0,
  engagementScore: 55, previousScore: 40, stage: 'mql', previousStage: 'new', promotion: 'mql', reasons: [{ ruleId: 'visit', points: 15 }],
};
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseLeadScoreChangedValue', () => {
  it('reads a lead-scores message as sent', () => {
    expect(parseLeadScoreChangedValue(bytes(change))).toEqual({ ok: true, message: change });
  });

  it('reads a change without a promotion', () => {
    expect(parseLeadScoreChangedValue(bytes({ ...change, promotion: null }))).toMatchObject({ ok: true, message: { promotion: null } });
  });

  it.each([
    ['no value', null, 'empty message value'],
    ['bytes that are not JSON', bytes('{nope'), 'value is not valid JSON'],
    ['a JSON array', bytes([change]), 'value is not a JSON object'],
    ['a numeric leadId', bytes({ ...change, leadId: 7 }), 'not a LeadScoreChangedMessage'],
    ['a missing causeEventId', bytes({ ...change, causeEventId: undefined }), 'not a LeadScoreChangedMessage'],
    ['a score as a string', bytes({ ...change, score: '55' }), 'not a LeadScoreChangedMessage'],
    ['an unknown promotion', bytes({ ...change, promotion: 'customer' }), 'not a LeadScoreChangedMessage'],
  ])('refuses %s, saying why', (_name, value, reason) => {
    expect(parseLeadScoreChangedValue(value)).toEqual({ ok: false, reason });
  });
});
