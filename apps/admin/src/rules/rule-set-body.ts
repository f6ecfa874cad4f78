import { type FastifyRequest } from 'fastify';
import { UnsupportedMediaType, ValidationFailed } from '@leadscore/http';
import { parseRuleSet, type FieldError, type ParseResult } from '@leadscore/scoring';

/** Media types a rule set may be posted as YAML text; the app parses them as strings. */
export const RULE_SET_YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'];

/** A posted rule set: the text as sent, its format, and what parsing and validation made of it. */
export interface PostedRuleSet {
  format: 'yaml' | 'json';
  sourceText: string;
  parsed: ParseResult;
}

/** Reads a rule-set body: JSON (kept as posted when the app keeps raw bodies) or YAML text. */
export function readRuleSetBody(request: FastifyRequest): PostedRuleSet {
  const mediaType = request.headers['content-type']?.split(';')[0].trim().toLowerCase() ?? '';
  if (mediaType === 'application/json') {
    const raw = (request as { rawBody?: Buffer }).rawBody;
    const sourceText = raw ? raw.toString('utf8') : JSON.stringify(request.body, null, 2);
    return { format: 'json', sourceText, parsed: parseRuleSet(sourceText, 'json') };
  }
  if (RULE_SET_YAML_TYPES.includes(mediaType) && typeof request.body === 'string') {
    return { format: 'yaml', sourceText: request.body, parsed: parseRuleSet(request.body, 'yaml') };
  }
  throw new UnsupportedMediaType(`send the rule set as application/json or application/yaml, got ${mediaType ? `"${mediaType.slice(0, 100)}"` : 'none'}`);
}

/** Every error of a refused rule set as a 400; an error about the whole text is on `body`. */
export function ruleSetRefused(errors: FieldError[]): ValidationFailed {
  return new ValidationFailed(errors.map((error) => ({ path: error.path || 'body', message: error.message })));
}
