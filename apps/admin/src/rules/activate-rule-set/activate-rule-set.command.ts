import { ValidationFailed, isJsonObject } from '@leadscore/http';

/** `POST /v1/rules/{n}/activate`, body optional: `{"rescore": boolean}`. */
export interface ActivateRuleSet {
  version: number;
  rescore: boolean;
}

export function readActivateBody(body: unknown): { rescore: boolean } {
  if (body === undefined || body === null || body === '') return { rescore: false };
  if (!isJsonObject(body)) throw new ValidationFailed([{ path: 'body', message: 'the body must be a JSON object, e.g. {"rescore": true}' }]);
  const unknown = Object.keys(body).filter((key) => key !== 'rescore');
  const errors = unknown.map((key) => ({ path: key, message: `${key} is not a known field` }));
  if (body.rescore !== undefined && typeof body.rescore !== 'boolean') errors.push({ path: 'rescore', message: 'rescore must be a boolean' });
  if (errors.length) throw new ValidationFailed(errors);
  return { rescore: body.rescore === true };
}
