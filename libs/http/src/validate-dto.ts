import { ValidateNested, type ValidationError, validateSync } from 'class-validator';
import { type FieldError } from '@leadscore/contracts';

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

type DtoClass<T extends object = object> = new () => T;

const nestedTypes = new WeakMap<object, Map<string, () => DtoClass>>();

/**
 * Marks a property holding a DTO (or an array of them): `validateDto` builds it as an instance of
 * `type` and validates it, with paths such as `teams.2.webhook.url`.
 */
export function NestedDto(type: () => DtoClass): PropertyDecorator {
  return (target, propertyKey) => {
    ValidateNested()(target, propertyKey);
    const types = nestedTypes.get(target.constructor) ?? new Map<string, () => DtoClass>();
    types.set(String(propertyKey), type);
    nestedTypes.set(target.constructor, types);
  };
}

/**
 * Validates untrusted input (parsed JSON) against a class-validator DTO. Every problem comes back
 * as a FieldError with a dotted path under `options.path`; unknown fields are errors, not dropped.
 *
 * The DTO is built by copying own properties onto `Object.create(type.prototype)`, not with
 * class-transformer, which crashes on nested objects that hold a `constructor` key and drops such
 * fields silently. Field initialisers therefore do not run: defaults belong to the caller.
 */
export function validateDto<T extends object>(type: DtoClass<T>, input: unknown, options: { path?: string } = {}): Validated<T> {
  const path = options.path ?? '';
  if (!isJsonObject(input)) return { ok: false, errors: [{ path: path || 'body', message: `${path ? lastSegment(path) : 'the body'} must be a JSON object` }] };
  const errors: FieldError[] = [];
  const instance = instantiate(type, input, path, errors);
  const failures = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  errors.push(...toFieldErrors(failures, path));
  return errors.length === 0 ? { ok: true, value: instance } : { ok: false, errors };
}

/** class-validator's error tree → flat FieldErrors. A missing value reports only that it is missing. */
export function toFieldErrors(failures: ValidationError[], parentPath = ''): FieldError[] {
  const errors: FieldError[] = [];
  for (const failure of failures) {
    const path = joinPath(parentPath, failure.property);
    const constraints = failure.constraints ?? {};
    const messages = 'isDefined' in constraints ? { isDefined: constraints.isDefined } : constraints;
    for (const [constraint, message] of Object.entries(messages)) {
      errors.push({ path, message: rewordDefault(constraint, failure.property) ?? message });
    }
    errors.push(...toFieldErrors(failure.children ?? [], path));
  }
  return errors;
}

export function joinPath(...segments: Array<string | number>): string {
  return segments.filter((segment) => segment !== '').join('.');
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Keys that would shadow the prototype (class-validator finds a DTO's rules through `constructor`).
const RESERVED_KEYS = new Set(['constructor', '__proto__', 'prototype']);

function instantiate<T extends object>(type: DtoClass<T>, input: Record<string, unknown>, path: string, errors: FieldError[]): T {
  const instance = Object.create(type.prototype) as T;
  for (const key of Object.keys(input)) {
    if (RESERVED_KEYS.has(key)) {
      errors.push({ path: joinPath(path, key), message: `${key} is not a known field` });
      continue;
    }
    const nested = nestedTypeOf(type, key);
    const value = nested ? instantiateNested(nested(), input[key], joinPath(path, key), errors) : input[key];
    Object.defineProperty(instance, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return instance;
}

function instantiateNested(type: DtoClass, value: unknown, path: string, errors: FieldError[]): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => (isJsonObject(item) ? instantiate(type, item, joinPath(path, index), errors) : item));
  }
  return isJsonObject(value) ? instantiate(type, value, path, errors) : value;
}

function nestedTypeOf(type: DtoClass, key: string): (() => DtoClass) | undefined {
  for (let current: unknown = type; typeof current === 'function'; current = Object.getPrototypeOf(current)) {
    const found = nestedTypes.get(current)?.get(key);
    if (found) return found;
  }
  return undefined;
}

// class-validator's built-in wording ("property x should not exist") speaks of its own internals.
function rewordDefault(constraint: string, property: string): string | undefined {
  const name = /^\d+$/.test(property) ? `item ${property}` : property;
  if (constraint === 'whitelistValidation') return `${name} is not a known field`;
  if (constraint === 'nestedValidation') return `${name} must be a JSON object`;
  return undefined;
}

function lastSegment(path: string): string {
  const name = path.split('.').pop() ?? path;
  return /^\d+$/.test(name) ? `item ${name}` : name;
}
