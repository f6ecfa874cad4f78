/**
 * Training time of libs/learning's trainModel on 100,000 synthetic leads with outcomes (12
 * features drawn from known weights, seeded) in-process: seeded split, fit, held-out AUC,
 * calibration, the rule score's AUC. Prints one JSON line with the seconds (target < 10 s).
 *
 *   npm run build && node dist/bench/train-model.bench.js     (LEADS=20000 for a smaller run)
 */
import { trainModel, sigmoid, type TrainingLead } from '../libs/learning/src';
import { seeded } from './seeded';

const LEADS = Number(process.env.LEADS ?? 100_000);
const WEIGHTS = [0.6, 1.4, 1.0, 0.1, 0.2, -0.3, 0.05, 0.4, -0.8, 0.0, 0.3, 0.7];
const names = WEIGHTS.map((_, j) => `event:type_${String(j).padStart(2, '0')}`);
const random = seeded(1);
const leads: TrainingLead[] = [];
for (let i = 0; i < LEADS; i++) {
  const row = WEIGHTS.map((_, j) => (j % 2 === 0 ? Math.floor(random() * 6) : random() < 0.3 ? 1 : 0));
  const features: Record<string, number> = {};
  row.forEach((value, j) => { if (value !== 0) features[names[j]] = value; });
  const won = random() < sigmoid(row.reduce((sum, value, j) => sum + value * WEIGHTS[j], -2.5));
  // A rule score that sees half the signal: the baseline the model is compared with.
  leads.push({ leadId: `lead-${i}`, features, won, ruleScore: 10 * row[0] + 10 * row[2] + 5 * row[1] });
}
const started = performance.now();
const trained = trainModel(leads, { seed: 7 });
const seconds = (performance.now() - started) / 1000;
if (!trained.ok) throw new Error(trained.reason);
const round = (value: number) => Math.round(value * 1000) / 1000;
console.log(JSON.stringify({
  bench: 'train-model', leads: LEADS, features: names.length, seconds: Math.round(seconds * 100) / 100,
  heldOutAuc: round(trained.evaluation.auc), rulesAuc: round(trained.evaluation.rulesAuc), targetSeconds: 10,
}));
