import { formatLead, formatLeadList, formatReasons, formatTimeline, type TimelineEntryAnswer } from './lead.format';

const entry = (overrides: Partial<TimelineEntryAnswer>): TimelineEntryAnswer => ({
  seq: '1',
  type: 'page_visit',
  occurredAt: '2026-11-02T10:00:00.000Z',
  source: null,
  points: 0,
  reasons: [],
  scoreAfter: 0,
  stageAfter: 'new',
  stageChange: null,
  note: null,
  ignored: false,
  handoffs: [],
  ...overrides,
});

describe('formatTimeline', () => {
  it('given three events, then one row each with its points, the rules that gave them, the score and the stage change', () => {
    const text = formatTimeline({
      nextCursor: null,
      items: [
        entry({ type: 'whitepaper_download', points: 15, reasons: [{ ruleId: 'whitepaper', points: 15 }], scoreAfter: 15 }),
        entry({
          type: 'webinar_registration',
          points: 40,
          reasons: [{ ruleId: 'webinar', points: 30 }, { ruleId: 'any_event', points: 10 }],
          scoreAfter: 55,
          stageAfter: 'mql',
          stageChange: { from: 'new', to: 'mql' },
          handoffs: [{ promotion: 'mql', status: 'delivered', assignedTo: { team: 'emea', member: 'ana' } }],
        }),
        entry({ type: 'sales_feedback', points: null, reasons: null, scoreAfter: null, stageAfter: null, ignored: true, note: 'reserved type from public' }),
      ],
    });
    const rows = text.split('\n');
    expect(rows[0]).toMatch(/^OCCURRED\s+TYPE\s+POINTS\s+RULES\s+SCORE\s+STAGE\s+NOTES$/);
    expect(rows).toHaveLength(5);
    expect(rows[2]).toMatch(/whitepaper_download\s+\+15\s+whitepaper \+15\s+15\s+new/);
    expect(rows[3]).toMatch(/webinar_registration\s+\+40\s+webinar \+30, any_event \+10\s+55\s+new → mql\s+handoff mql delivered → emea/);
    expect(rows[4]).toMatch(/sales_feedback\s+pending\s+.*ignored; reserved type from public/);
  });

  it('tells how to get the next page', () => {
    expect(formatTimeline({ items: [], nextCursor: 'abc' })).toMatch(/more: --cursor abc$/);
  });
});

describe('formatReasons', () => {
  it('marks limited, capped and expired rules', () => {
    expect(formatReasons([{ ruleId: 'visit', points: 0, limited: true }, { ruleId: 'careers', points: -10, capped: true, expired: true }])).toBe('visit 0 (limited), careers -10 (capped, expired)');
  });
});

describe('formatLead', () => {
  const lead = {
    leadId: 'jane', score: 55, fitScore: 20, engagementScore: 35, grade: 'C', stage: 'mql', owner: null, ruleVersion: 3, eventCount: 4,
    firstSeenAt: null, lastActivityAt: null, traits: {}, mergedInto: null, source: null, revenue: null,
    milestones: { mqlAt: null, sqlAt: null, opportunityAt: null, customerAt: null, lostAt: null, disqualifiedAt: null },
  };

  it('shows the win probability and its model when a model is active, and no such line otherwise', () => {
    expect(formatLead({ ...lead, winProbability: 0.7312, modelId: 'm-1' })).toMatch(/win probability\s+73\.1% \(model m-1\)/);
    expect(formatLead(lead)).not.toContain('win probability');
  });
});

describe('formatLeadList', () => {
  const lead = (leadId: string, extra: { winProbability?: number | null; modelId?: string } = {}) => ({
    leadId, score: 55, fitScore: 20, engagementScore: 35, grade: 'C', stage: 'mql', owner: null, ruleVersion: 3, eventCount: 4,
    firstSeenAt: null, lastActivityAt: null, traits: {}, mergedInto: null, source: null, revenue: null,
    milestones: { mqlAt: null, sqlAt: null, opportunityAt: null, customerAt: null, lostAt: null, disqualifiedAt: null }, ...extra,
  });

  it('given an active model, then a WIN column after the score: the percentage, or pending while not computed', () => {
    const rows = formatLeadList({ items: [lead('ana', { winProbability: 0.8125, modelId: 'm-1' }), lead('bob', { winProbability: null, modelId: 'm-1' })], nextCursor: null }).split('\n');
    expect(rows[0]).toMatch(/^LEAD\s+SCORE\s+WIN\s+FIT\s/);
    expect(rows[2]).toMatch(/^ana\s+55\s+81\.3%\s+20\s/);
    expect(rows[3]).toMatch(/^bob\s+55\s+pending\s+20\s/);
  });

  it('given no active model, then no WIN column', () => {
    expect(formatLeadList({ items: [lead('ana')], nextCursor: null })).not.toContain('WIN');
  });
});
