/** The rule-set language of docs/rules.md, as validated (defaults filled in). */
export const CONDITION_OPS = ['eq', 'neq', 'in', 'contains', 'matches', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export type Scalar = string | number | boolean | null;

export interface ConditionDefinition {
  /** Dotted path: `type`, `source`, `properties.*`, `traits.*` (the lead's merged traits) or `lead.daysInactive`. */
  field: string;
  op: ConditionOp;
  value?: Scalar | Scalar[];
  /** Compare strings case-insensitively (eq, neq, in, contains, matches). */
  ignoreCase?: boolean;
}

export type RuleKind = 'engagement' | 'fit';

export interface RuleDefinition {
  id: string;
  description?: string;
  kind: RuleKind;
  when: { type?: string | string[]; where?: ConditionDefinition[] };
  points: number;
  /** At most `count` scorings per lead per window: `Nd`, `Nh`, `Nm` (calendar-aligned, UTC) or `ever`. */
  limit?: { count: number; per: string };
  expiresAfter?: string;
  decay?: { halfLife: string };
  group: string;
}

export interface RuleSetDefinition {
  name: string;
  description?: string;
  thresholds: { mql: number; sql: number; sqlMinFit?: number };
  score?: { floor?: number; ceiling?: number };
  rules: RuleDefinition[];
  groupCaps?: Record<string, number>;
  grades?: { A: number; B: number; C: number };
  /** Extension: a customer with no activity for this long becomes `inactive` on an inactivity tick. */
  lifecycle?: { customerInactiveAfter?: string };
}

export interface FieldError {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; definition: RuleSetDefinition } | { ok: false; errors: FieldError[] };
