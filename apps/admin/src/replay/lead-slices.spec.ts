import { type StoredEvent } from '@leadscore/persistence';
import { sliceByLead } from './lead-slices';

const event = (seq: number, leadId: string): StoredEvent => ({
  seq: String(seq), eventId: `e${seq}`, leadId, type: 'page_visit', occurredAt: new Date(seq), receivedAt: new Date(seq),
  source: null, properties: {}, traits: null, sourceKeyId: null, producer: 'public',
});
const seqs = (slices: StoredEvent[][]) => slices.map((slice) => slice.map((e) => `${e.leadId}${e.seq}`));

describe('sliceByLead', () => {
  const page = [event(1, 'a'), event(2, 'b'), event(3, 'a'), event(4, 'c'), event(5, 'b'), event(6, 'd'), event(7, 'a')];

  it('keeps every lead whole and in seq order, leads in order of first appearance', () => {
    expect(seqs(sliceByLead(page, 3))).toEqual([['a1', 'a3', 'a7'], ['b2', 'b5', 'c4'], ['d6']]);
  });

  it('lets a lead with more events than a slice fill a slice of its own', () => {
    expect(seqs(sliceByLead(page, 1))).toEqual([['a1', 'a3', 'a7'], ['b2', 'b5'], ['c4'], ['d6']]);
  });

  it('gives one slice when the page is smaller than a slice, and none for an empty page', () => {
    expect(sliceByLead(page, 100).map((slice) => slice.length)).toEqual([7]);
    expect(sliceByLead([], 100)).toEqual([]);
  });
});
