import { type LeadScoreChangedMessage } from '@leadscore/contracts';
import { webhookBody } from './webhook-body';

const change: LeadScoreChangedMessage & { promotion: 'sql' } = {
  v: 1, leadId: 'lead-1', causeEventId: 'e9', seq: '9', ruleVersion: 2, occurredAt: '2026-11-23T00:00:00.000Z', score: 105,
  fitScore: 20, engagementScore: 85, previousScore: 90, stage: 'sql', previousStage: 'mql', promotion: 'sql', reasons: [{ ruleId: 'demo', points: 15 }],
};

describe('webhookBody', () => {
  it('carries the promotion type, the lead, the reasons and the assignee', () => {
    expect(webhookBody({
      handoffId: 'h1', change, traits: { company: 'Acme' }, source: 'salon-2026', reasons: [{ ruleId: 'whitepaper', points: 60 }],
      assignedTo: { team: 'enterprise', member: 'alice' }, now: new Date('2026-11-23T01:02:03.000Z'),
    })).toEqual({
      type: 'lead.sql',
      timestamp: '2026-11-23T01:02:03.000Z',
      data: {
        handoffId: 'h1',
        lead: { id: 'lead-1', score: 105, fitScore: 20, engagementScore: 85, stage: 'sql', traits: { company: 'Acme' }, source: 'salon-2026' },
        reasons: [{ ruleId: 'whitepaper', points: 60 }],
        assignedTo: { team: 'enterprise', member: 'alice' },
      },
    });
  });
});
