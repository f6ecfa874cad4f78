import { stringify } from 'yaml';
import { type ConditionDefinition, type RuleDefinition, type RuleSetDefinition } from '@leadscore/scoring';
import { type LogisticModel } from './logistic-regression';
import { hashOf } from './seeded-split';
import { SIZE_BANDS } from './extract-features';

export interface SuggestRuleSetInput {
  readonly model: LogisticModel;
  /** The active rule set: its thresholds are kept, its rules are what `rule:<id>` features copy. */
  readonly activeRuleSet: RuleSetDefinition;
  /** The training leads' log-odds beside the active rules' scores (trainModel's `reference`). */
  readonly reference: { readonly logOdds: readonly number[]; readonly ruleScores: readonly number[] };
  readonly name: string;
  readonly description: string;
}

export interface SuggestedRuleSet {
  /** YAML that libs/scoring's parseRuleSet accepts. */
  readonly text: string;
  /** points = pointsPerLogOdds × log-odds + offset. */
  readonly scale: { pointsPerLogOdds: number; offset: number };
  /** Features no rule can express (a rule that left the active set), with why. */
  readonly leftOut: string[];
}

// Seniority as extractFeatures derives it; "vice president" must not count as an executive title.
const SENIORITY_PATTERNS: Record<string, string> = {
  vp: '\\b(vp|svp|evp|vice president)\\b',
  executive: '\\b(ceo|cto|cfo|coo|cmo|cio|ciso|cro|chief|founder|co-founder|cofounder|owner|partner)\\b|(^|[^e]\\s)president\\b',
  director: '\\b(director|head of|head)\\b',
  manager: '\\b(manager|lead|principal|supervisor)\\b',
};
// "individual" (a title matching no level) has no condition: it is the reference level, worth 0.
const SENIORITY_LEVELS = ['director', 'executive', 'manager', 'unknown', 'vp'];

/**
 * The model as an ordinary rule set: one rule per feature (event type counts, copies of the
 * active rules whose hits it counts, fit rules for trait categories) plus a `model-baseline` fit
 * rule for the intercept, points = the weight × a scale chosen so that the active thresholds keep
 * their meaning: as many training leads reach MQL and SQL under the suggestion as under the rules.
 */
export function suggestRuleSet(input: SuggestRuleSetInput): SuggestedRuleSet {
  const { model, activeRuleSet } = input;
  const scale = pointsScale(input.reference.logOdds, input.reference.ruleScores, activeRuleSet.thresholds);
  const weights = new Map(model.features.map((name, j) => [name, model.weights[j]]));
  const individual = weights.get('trait:seniority:individual') ?? 0;
  const rules: RuleDefinition[] = [];
  const leftOut: string[] = [];
  const add = (id: string, rule: Omit<RuleDefinition, 'id' | 'points' | 'group'>, weight: number, what: string): void => {
    const points = round2(weight * scale.pointsPerLogOdds);
    if (points === 0) return;
    rules.push({ id: ruleId(id), description: `learned: ${signed(weight)} log-odds ${what}`, ...rule, points, group: rule.kind });
  };
  add('model-baseline', { kind: 'fit', when: {} }, model.intercept + individual + scale.offset / scale.pointsPerLogOdds, 'for every lead (intercept, scaled to the thresholds)');
  for (const [name, weight] of weights) {
    const [family, ...rest] = name.split(':');
    const value = rest.join(':');
    if (family === 'event') add(`model-event-${value}`, { kind: 'engagement', when: { type: value } }, weight, `per ${value} event`);
    else if (family === 'rule') {
      const copied = activeRuleSet.rules.find((rule) => rule.id === value && rule.kind === 'engagement');
      if (!copied) leftOut.push(`${name}: rule ${value} is not an engagement rule of the active rule set`);
      else add(`model-rule-${value}`, { kind: 'engagement', when: copied.when, ...(copied.limit ? { limit: copied.limit } : {}) }, weight, `per hit of rule ${value}`);
    } else if (family === 'trait') {
      const [trait, category] = value.split(':');
      if (trait === 'seniority') continue;
      const where = traitCondition(trait, category);
      if (where === null) leftOut.push(`${name}: no condition expresses it`);
      else add(`model-${trait}-${category}`, { kind: 'fit', when: { where } }, weight, `for ${trait} ${category}`);
    } else leftOut.push(`${name}: unknown feature family`);
  }
  for (const level of SENIORITY_LEVELS) {
    const where: ConditionDefinition[] = level === 'unknown'
      ? [{ field: 'traits.jobTitle', op: 'exists', value: false }]
      : [{ field: 'traits.jobTitle', op: 'matches', value: SENIORITY_PATTERNS[level], ignoreCase: true }];
    add(`model-seniority-${level}`, { kind: 'fit', when: { where } }, (weights.get(`trait:seniority:${level}`) ?? 0) - individual, `for seniority ${level}, against an individual contributor`);
  }
  const definition: Partial<RuleSetDefinition> = {
    name: input.name,
    description: input.description,
    thresholds: { mql: activeRuleSet.thresholds.mql, sql: activeRuleSet.thresholds.sql },
    ...(activeRuleSet.lifecycle ? { lifecycle: activeRuleSet.lifecycle } : {}),
    rules,
  };
  const header = [
    `# Suggested by a learned model: ${round2(scale.pointsPerLogOdds)} points per unit of log-odds, thresholds kept from the active set.`,
    '# No floor, ceiling, caps or decay: the points add up as the model adds up its log-odds.',
  ];
  return { text: `${header.join('\n')}\n${stringify(definition, { lineWidth: 0 })}`, scale, leftOut };
}

/**
 * points = k × logOdds + offset, with k and offset chosen so that the training leads' log-odds
 * quantiles at the active MQL and SQL shares land on the MQL and SQL thresholds. When only one
 * share is strictly between 0 and 1 (no lead, or every lead, reached the other threshold), that
 * threshold is kept and k matches the spread of the rule scores; when neither is, their mean too.
 */
export function pointsScale(logOdds: readonly number[], ruleScores: readonly number[], thresholds: { mql: number; sql: number }): { pointsPerLogOdds: number; offset: number } {
  const zMql = quantileAtShare(logOdds, ruleScores, thresholds.mql);
  const zSql = quantileAtShare(logOdds, ruleScores, thresholds.sql);
  if (zMql !== null && zSql !== null && zSql > zMql && thresholds.sql > thresholds.mql) {
    const k = (thresholds.sql - thresholds.mql) / (zSql - zMql);
    return { pointsPerLogOdds: k, offset: thresholds.mql - k * zMql };
  }
  const [zMean, zSd] = meanAndSd(logOdds);
  const [rMean, rSd] = meanAndSd(ruleScores);
  const k = zSd > 0 && rSd > 0 ? rSd / zSd : 10;
  if (zMql !== null) return { pointsPerLogOdds: k, offset: thresholds.mql - k * zMql };
  if (zSql !== null) return { pointsPerLogOdds: k, offset: thresholds.sql - k * zSql };
  return { pointsPerLogOdds: k, offset: rMean - k * zMean };
}

/** The log-odds above which as many leads lie as have a rule score ≥ threshold; null at 0 % or 100 %. */
function quantileAtShare(logOdds: readonly number[], ruleScores: readonly number[], threshold: number): number | null {
  const reached = ruleScores.filter((score) => score >= threshold).length;
  if (reached === 0 || reached === ruleScores.length) return null;
  const sorted = [...logOdds].sort((a, b) => b - a);
  return (sorted[reached - 1] + sorted[reached]) / 2;
}

function traitCondition(trait: string, category: string): ConditionDefinition[] | null {
  const field = { size: 'traits.companySize', industry: 'traits.industry', country: 'traits.country' }[trait];
  if (field === undefined) return null;
  if (category === 'unknown') return [{ field, op: 'exists', value: false }];
  if (trait !== 'size') return [{ field, op: 'matches', value: `^[^a-z0-9]*${category.split('_').join('[^a-z0-9]+')}[^a-z0-9]*$`, ignoreCase: true }];
  const index = SIZE_BANDS.findIndex(([, band]) => band === category);
  if (index === -1) return category === '5001+' ? [{ field, op: 'gt', value: SIZE_BANDS[SIZE_BANDS.length - 1][0] }] : null;
  const low = index === 0 ? 1 : SIZE_BANDS[index - 1][0] + 1;
  return [{ field, op: 'gte', value: low }, { field, op: 'lte', value: SIZE_BANDS[index][0] }];
}

/** Rule ids are 1-64 of [a-z0-9_-]: other characters become `_`, a long id is cut and suffixed by its hash. */
function ruleId(candidate: string): string {
  const id = candidate.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
  return id.length <= 64 ? id : `${id.slice(0, 55)}-${hashOf(id).toString(16).padStart(8, '0')}`;
}

function meanAndSd(values: readonly number[]): [number, number] {
  const n = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  return [mean, Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / n)];
}

function round2(value: number): number {
  return Math.round(value * 100) / 100 || 0;
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}
