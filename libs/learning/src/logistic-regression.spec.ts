import { auc } from './auc';
import { fitLogistic, serializeModel, sigmoid, winProbability } from './logistic-regression';
import { isHeldOut } from './seeded-split';

// A seeded generator (mulberry32): leads drawn from known weights, outcomes drawn from the
// generator's own probability, so its AUC on the held-out leads is the best a model can reach.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FEATURES = ['event:pricing_visit', 'trait:seniority:executive', 'event:demo_request', 'event:email_open', 'trait:country:fr', 'event:careers_visit'];
const TRUE_WEIGHTS = [0.6, 1.4, 1.0, 0.1, 0.2, -0.3];
const TRUE_INTERCEPT = -2.2;

function generate(count: number, seed: number) {
  const random = mulberry32(seed);
  const leads = Array.from({ length: count }, (_, i) => {
    const row = [Math.floor(random() * 6), random() < 0.3 ? 1 : 0, Math.floor(random() * 3), Math.floor(random() * 10), random() < 0.5 ? 1 : 0, Math.floor(random() * 3)];
    const z = row.reduce((sum, value, j) => sum + value * TRUE_WEIGHTS[j], TRUE_INTERCEPT);
    return { leadId: `lead-${i}`, row, truth: sigmoid(z), won: random() < sigmoid(z) };
  });
  return { train: leads.filter((lead) => !isHeldOut(lead.leadId, 7)), heldOut: leads.filter((lead) => isHeldOut(lead.leadId, 7)) };
}

describe('fitLogistic on leads from known weights', () => {
  const { train, heldOut } = generate(5000, 42);
  const model = fitLogistic(FEATURES, train.map((lead) => lead.row), train.map((lead) => lead.won));

  it('holds out about a fifth of the leads, by hash of lead id and seed', () => {
    expect(heldOut.length / 5000).toBeGreaterThan(0.17);
    expect(heldOut.length / 5000).toBeLessThan(0.23);
  });

  it('reaches the generator’s own held-out AUC within 0.03', () => {
    const won = heldOut.map((lead) => lead.won);
    const learned = auc(heldOut.map((lead) => winProbability(model, lead.row).probability), won);
    const generator = auc(heldOut.map((lead) => lead.truth), won);
    expect(Math.abs(learned - generator)).toBeLessThanOrEqual(0.03);
  });

  it('finds the generator’s three strongest features (by |weight| × spread)', () => {
    const spread = FEATURES.map((_, j) => {
      const values = train.map((lead) => lead.row[j]);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    });
    const top3 = (weights: number[]) => FEATURES.map((name, j) => ({ name, strength: Math.abs(weights[j]) * spread[j] }))
      .sort((a, b) => b.strength - a.strength).slice(0, 3).map((f) => f.name).sort();
    expect(top3(model.weights)).toEqual(top3(TRUE_WEIGHTS));
  });

  it('gives the same model, byte for byte, from the same data', () => {
    const again = fitLogistic(FEATURES, train.map((lead) => lead.row), train.map((lead) => lead.won));
    expect(serializeModel(again)).toBe(serializeModel(model));
  });

  it('explains a probability by each feature’s contribution, largest first', () => {
    const out = winProbability(model, [5, 1, 0, 0, 0, 0]);
    expect(out.contributions.map((c) => c.name)).toEqual(['event:pricing_visit', 'trait:seniority:executive']);
    const z = model.intercept + out.contributions.reduce((sum, c) => sum + c.contribution, 0);
    expect(out.probability).toBeCloseTo(sigmoid(z), 12);
  });
});

describe('auc', () => {
  it.each([
    { scores: [1, 2, 3, 4], won: [false, false, true, true], expected: 1 },
    { scores: [4, 3, 2, 1], won: [false, false, true, true], expected: 0 },
    { scores: [1, 1, 1, 1], won: [false, true, false, true], expected: 0.5 },
    { scores: [1, 2, 3], won: [false, true, false], expected: 0.5 },
  ])('given scores $scores and outcomes $won, then $expected', ({ scores, won, expected }) => {
    expect(auc(scores, won)).toBeCloseTo(expected, 12);
  });

  it('is undefined (NaN) without both classes', () => {
    expect(auc([1, 2], [true, true])).toBeNaN();
  });
});
