import { formatModel, formatModelList, type ModelAnswer } from './model.format';

const done: ModelAnswer = {
  modelId: 'm-1', status: 'done', from: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', processed: 600, total: 600, reason: null, active: true,
  result: {
    trainedOn: { won: 200, lost: 280 }, heldOut: { won: 50, lost: 70 }, auc: 0.81234, rulesAuc: 0.7, rulesVersion: 1,
    calibration: [{ from: 0.05, to: 0.2, predicted: 0.12, observed: 0.1, count: 12 }],
    features: [{ name: 'trait:seniority:executive', weight: 1.7, strength: 0.8 }, { name: 'event:careers_visit', weight: -0.75, strength: 0.6 }],
    suggestedRuleVersion: 2, simulationId: 's-1',
    backtest: {
      mql: { active: { threshold: 50, won: 30, lost: 20, precision: 0.6, recall: 0.6 }, suggested: { threshold: 50, won: 35, lost: 15, precision: 0.7, recall: 0.7 } },
      sql: { active: { threshold: 100, won: 0, lost: 0, precision: null, recall: 0 }, suggested: { threshold: 100, won: 5, lost: 1, precision: 5 / 6, recall: 0.1 } },
    },
  },
};

describe('model tables', () => {
  it('shows a done model: AUC of the model beside the rules, the suggestion, calibration and features', () => {
    const text = formatModel(done);
    expect(text).toMatch(/status\s+done \(active\)/);
    expect(text).toMatch(/AUC model\s+0\.812/);
    expect(text).toMatch(/AUC rules v1\s+0\.700/);
    expect(text).toMatch(/suggested rules\s+v2 \(inactive\), simulation s-1/);
    expect(text).toMatch(/0\.050\s+0\.200\s+0\.120\s+0\.100\s+12/);
    expect(text).toMatch(/event:careers_visit\s+-0\.750\s+0\.600/);
    expect(text).toMatch(/mql\s+suggested v2\s+50\s+35\s+15\s+70\.0%\s+70\.0%/);
    expect(text).toMatch(/sql\s+rules v1\s+100\s+0\s+0\s+-\s+0\.0%/);
  });

  it('shows a failed model with its reason and nothing else', () => {
    const text = formatModel({ ...done, status: 'failed', active: false, result: null, reason: 'too few outcomes to learn from: 3 won and 9 lost' });
    expect(text).toMatch(/reason\s+too few outcomes to learn from: 3 won and 9 lost/);
    expect(text).not.toContain('AUC');
  });

  it('lists models with their AUCs', () => {
    expect(formatModelList([done])).toMatch(/m-1\s+done, active\s+2026-01-01\.\.2026-03-01\s+600\s+0\.812\s+0\.700\s+v2/);
  });
});
