import { extractFeatures, seniority, sizeBand } from './extract-features';

const event = (type: string, occurredAt: string, ruleIds: string[] = []) => ({ type, occurredAt, properties: {}, ruleIds });

describe('extractFeatures', () => {
  it.each([
    {
      given: 'events before and after the outcome',
      when: { events: [event('page_view', '2026-01-01T00:00:00Z', ['pricing']), event('page_view', '2026-01-02T00:00:00Z', ['pricing', 'any_visit']), event('demo_request', '2026-01-05T00:00:00Z', ['demo'])], traits: {}, outcomeAt: '2026-01-03T00:00:00Z' },
      then: { 'event:page_view': 2, 'rule:any_visit': 1, 'rule:pricing': 2, 'trait:country:unknown': 1, 'trait:industry:unknown': 1, 'trait:seniority:unknown': 1, 'trait:size:unknown': 1 },
    },
    {
      given: 'an event exactly at the outcome (excluded) and full traits',
      when: { events: [event('email_open', '2026-01-03T00:00:00Z', ['open'])], traits: { companySize: 120, industry: 'Software & SaaS', country: 'FR', jobTitle: 'VP of Sales' }, outcomeAt: '2026-01-03T00:00:00Z' },
      then: { 'trait:country:fr': 1, 'trait:industry:software_saas': 1, 'trait:seniority:vp': 1, 'trait:size:51-200': 1 },
    },
  ])('given $given', ({ when, then }) => {
    const features = extractFeatures(when);
    expect(features).toEqual(then);
    expect(Object.keys(features)).toEqual(Object.keys(then).sort());
  });

  it('refuses an outcome time that is not an instant', () => {
    expect(() => extractFeatures({ events: [], traits: {}, outcomeAt: 'soon' })).toThrow('not an instant');
  });
});

describe('sizeBand', () => {
  it.each([
    [5, '1-10'], [10, '1-10'], [11, '11-50'], ['51-200', '51-200'], ['1,000+', '201-1000'], [4999, '1001-5000'], [20000, '5001+'], [0, 'unknown'], ['n/a', 'unknown'], [undefined, 'unknown'],
  ])('given %p, then %p', (given, then) => {
    expect(sizeBand(given)).toBe(then);
  });
});

describe('seniority', () => {
  it.each([
    ['Chief Executive Officer', 'executive'], ['Co-Founder & CTO', 'executive'], ['SVP Marketing', 'vp'], ['Vice President, Sales', 'vp'],
    ['Head of Growth', 'director'], ['Director of IT', 'director'], ['Engineering Manager', 'manager'], ['Software Engineer', 'individual'], ['', 'unknown'], [42, 'unknown'],
  ])('given %p, then %p', (given, then) => {
    expect(seniority(given)).toBe(then);
  });
});
