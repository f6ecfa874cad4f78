import { type FieldError } from '@leadscore/contracts';
import { moneyProblem } from '../money';

/** A cost as `PUT /v1/insights/costs/{source}` takes it. */
export interface CostInput {
  source: string;
  /** First day of the month, YYYY-MM-01. */
  month: string;
  amount: number;
  currency: string;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const CURRENCY = /^[A-Z]{3}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
export const MAX_COST_SOURCE_LENGTH = 128;

/** Checks the source (path) and body `{month: "YYYY-MM", amount, currency: "EUR"}`; every problem by path. */
export function parseCostInput(source: string, body: unknown): { ok: true; cost: CostInput } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (source.length === 0 || source.length > MAX_COST_SOURCE_LENGTH || CONTROL.test(source)) {
    errors.push({ path: 'source', message: `source must be 1-${MAX_COST_SOURCE_LENGTH} characters without control characters` });
  }
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  if (fields === null) return { ok: false, errors: [...errors, { path: '', message: 'expected a JSON object {month, amount, currency}' }] };
  const match = typeof fields.month === 'string' ? MONTH.exec(fields.month) : null;
  const monthNumber = match ? Number(match[2]) : 0;
  if (match === null || monthNumber < 1 || monthNumber > 12 || Number(match[1]) < 1970) {
    errors.push({ path: 'month', message: 'month must be a calendar month YYYY-MM from 1970, e.g. 2026-11' });
  }
  const amountProblem = moneyProblem(fields.amount);
  if (amountProblem !== null) errors.push({ path: 'amount', message: `amount ${amountProblem}` });
  if (typeof fields.currency !== 'string' || !CURRENCY.test(fields.currency)) {
    errors.push({ path: 'currency', message: 'currency must be an ISO 4217 code of three capital letters, e.g. EUR' });
  }
  const unknown = Object.keys(fields).filter((key) => !['month', 'amount', 'currency'].includes(key));
  for (const key of unknown) errors.push({ path: key, message: 'unknown field; expected month, amount, currency' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, cost: { source, month: `${fields.month as string}-01`, amount: fields.amount as number, currency: fields.currency as string } };
}
