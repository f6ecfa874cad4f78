/**
 * Training time of libs/learning's logistic regression on 100,000 synthetic leads with outcomes
 * (12 features drawn from known weights, seeded), in-process: split, fit, held-out AUC.
 * Prints one JSON line with the seconds (target < 10 s).
 *
 *   npm run build && node dist/bench/train-model.bench.js     (LEADS=20000 for a smaller run)
 */
import { auc, fitLogistic, isHeldOut, sigmoid, winProbability } from '../libs/learning/src';
import { seeded } from './seeded';

const LEADS = Number(process.env.LEADS ?? 100_000);
const WEIGHTS = [0.6, 1.4, 1.0, 0.1, 0.2, -0.3, 0.05, 0.4, -0.8, 0.0, 0.3, 0.7];
const features = WEIGHTS.map((_, j) => `feature-${j}`);
const random = seeded(1);
const rows: number[][] = [];
const won: boolean[] = [];
const heldOut: boolean[] = [];
for (let i = 0; i < LEADS; i++) {
  const row = WEIGHTS.map((_, j) => (j % 2 === 0 ? Math.floor(random() * 6) : random() < 0.3 ? 1 : 0));
  rows.push(row);
  won.push(random() < sigmoid(row.reduce((sum, value, j) => sum + value * WEIGHTS[j], -2.5)));
  heldOut.push(isHeldOut(`lead-${i}`, 7));
}
const started = performance.now();
const train = rows.filter((_, i) => !heldOut[i]);
const model = fitLogistic(features, train, won.filter((_, i) => !heldOut[i]));
const heldAuc = auc(rows.filter((_, i) => heldOut[i]).map((row) => winProbability(model, row).probability), won.filter((_, i) => heldOut[i]));
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ bench: 'train-model', leads: LEADS, features: features.length, seconds: Math.round(seconds * 100) / 100, heldOutAuc: Math.round(heldAuc * 1000) / 1000, targetSeconds: 10 }));
