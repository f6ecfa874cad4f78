import { isWholeCents } from './cents';
import { didYouMean } from './did-you-mean';
import { parseDuration } from './duration';
import { type FieldError } from './rule-set.definition';

/** Collects every problem with its path, so a rule set is refused with all its errors at once. */
export class Issues {
  readonly errors: FieldError[] = [];

  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }
}

export function pathOf(parent: string, key: string | number): string {
  return parent === '' ? String(key) : `${parent}.${key}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Typo protection: a key the language does not know is an error, with a suggestion. */
export function checkKeys(object: Record<string, unknown>, allowed: readonly string[], path: string, issues: Issues): void {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue;
    const guess = didYouMean(key, allowed);
    const hint = guess ? `did you mean "${guess}"?` : `expected one of ${allowed.join(', ')}`;
    issues.add(pathOf(path, key), `unknown key; ${hint}`);
  }
}

/** An object section; reports and returns null when `value` is something else. */
export function readSection(value: unknown, path: string, issues: Issues, keys: readonly string[]): Record<string, unknown> | null {
  if (!isRecord(value)) {
    issues.add(path, `must be an object with ${keys.join(', ')}`);
    return null;
  }
  checkKeys(value, keys, path, issues);
  return value;
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** A finite number with at most 2 decimals (amounts are exact cents); undefined when invalid. */
export function readAmount(value: unknown, path: string, issues: Issues, rule: NumberRule = {}): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.add(path, 'must be a number');
    return undefined;
  }
  if (rule.integer === true && !Number.isInteger(value)) return fail(path, 'must be a whole number', issues);
  if (!isWholeCents(value)) return fail(path, 'must have at most 2 decimals', issues);
  if (rule.min !== undefined && value < rule.min) return fail(path, `must be ≥ ${rule.min}`, issues);
  if (rule.max !== undefined && value > rule.max) return fail(path, `must be ≤ ${rule.max}`, issues);
  return value;
}

export function readDuration(value: unknown, path: string, issues: Issues): string | undefined {
  if (parseDuration(value) !== null) return value as string;
  issues.add(path, 'must be a duration: a whole number followed by d, h or m (30d, 12h, 15m)');
  return undefined;
}

export function readLabel(value: unknown, path: string, issues: Issues): string | undefined {
  if (typeof value === 'string' && /^[a-z0-9_-]{1,64}$/.test(value)) return value;
  issues.add(path, 'must be 1 to 64 characters of a-z, 0-9, _ and -');
  return undefined;
}

export function readText(value: unknown, path: string, issues: Issues, maxLength: number): string | undefined {
  if (typeof value === 'string' && value.trim() !== '' && value.length <= maxLength) return value;
  issues.add(path, `must be a non-empty string of at most ${maxLength} characters`);
  return undefined;
}

function fail(path: string, message: string, issues: Issues): undefined {
  issues.add(path, message);
  return undefined;
}
