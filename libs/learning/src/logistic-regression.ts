/** A fitted model: an intercept and one weight per feature, in the order of `features`. */
export interface LogisticModel {
  features: string[];
  intercept: number;
  weights: number[];
}

export interface FitOptions {
  /** L2 penalty on the weights (not the intercept). */
  lambda: number;
  iterations: number;
  learningRate: number;
}

export const DEFAULT_FIT: FitOptions = { lambda: 0.01, iterations: 300, learningRate: 0.5 };

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * L2-regularised logistic regression by full-batch gradient descent on standardised features,
 * rows and features always visited in the given order: the same input gives the same bits.
 * The weights come back in the features' own units.
 */
export function fitLogistic(features: string[], rows: readonly number[][], won: readonly boolean[], options: FitOptions = DEFAULT_FIT): LogisticModel {
  const n = rows.length;
  const d = features.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] += row[j] / n;
  for (const row of rows) for (let j = 0; j < d; j++) scale[j] += (row[j] - mean[j]) ** 2 / n;
  // A constant feature (an event every lead has once) would divide rounding noise by ~0: weight 0.
  const constant = scale.map((variance) => variance < 1e-18);
  for (let j = 0; j < d; j++) scale[j] = constant[j] ? 1 : Math.sqrt(scale[j]);
  // One flat row-major matrix: the same arithmetic in the same order as arrays of rows, faster.
  const x = new Float64Array(n * d);
  rows.forEach((row, i) => { for (let j = 0; j < d; j++) x[i * d + j] = constant[j] ? 0 : (row[j] - mean[j]) / scale[j]; });
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const gradient = new Float64Array(d);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    gradient.fill(0);
    let gradientB = 0;
    for (let i = 0; i < n; i++) {
      const offset = i * d;
      let z = b;
      for (let j = 0; j < d; j++) z += w[j] * x[offset + j];
      const error = sigmoid(z) - (won[i] ? 1 : 0);
      gradientB += error / n;
      for (let j = 0; j < d; j++) gradient[j] += (error * x[offset + j]) / n;
    }
    b -= options.learningRate * gradientB;
    for (let j = 0; j < d; j++) w[j] -= options.learningRate * (gradient[j] + options.lambda * w[j]);
  }
  const weights = w.map((weight, j) => weight / scale[j]);
  const intercept = b - weights.reduce((sum, weight, j) => sum + weight * mean[j], 0);
  return { features: [...features], intercept, weights };
}

/** The win probability of one feature row, and each feature's contribution to the log-odds. */
export function winProbability(model: LogisticModel, row: readonly number[]): { probability: number; contributions: Array<{ name: string; contribution: number }> } {
  const contributions = model.features.map((name, j) => ({ name, contribution: model.weights[j] * row[j] }));
  const z = contributions.reduce((sum, c) => sum + c.contribution, model.intercept);
  contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.name < b.name ? -1 : 1));
  return { probability: sigmoid(z), contributions: contributions.filter((c) => c.contribution !== 0) };
}

/** The model as text, keys in a fixed order: the same data gives the same bytes. */
export function serializeModel(model: LogisticModel): string {
  return JSON.stringify({ features: model.features, intercept: model.intercept, weights: model.weights });
}
