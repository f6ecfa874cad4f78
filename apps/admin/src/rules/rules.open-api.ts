import { applyDecorators } from '@nestjs/common';
import { ApiConsumes, type ApiBodyOptions } from '@nestjs/swagger';
import { ApiRoute, PAGE_QUERY, pageOf } from '@leadscore/http';
import { RULE_SET_YAML_TYPES } from './rule-set-body';

const SMALL_RULES_JSON = { name: 'docs-example', thresholds: { mql: 50, sql: 100 }, rules: [{ id: 'whitepaper', when: { type: 'whitepaper_download' }, points: 15, limit: { count: 1, per: '1d' } }] };

const RULE_SET_BODY: ApiBodyOptions = {
  description: 'A rule set (docs/rules.md), parsed and checked by libs/scoring parseRuleSet; errors name the rule and field (`rules.4.when.where.0.op`)',
  schema: { type: 'object', additionalProperties: true },
  examples: { json: { value: SMALL_RULES_JSON } },
};

/** JSON or YAML (rules/default.yaml is the shipped example); the JSON example is valid YAML too. */
function withMediaTypes(route: MethodDecorator): MethodDecorator {
  return applyDecorators(ApiConsumes('application/json', ...RULE_SET_YAML_TYPES), route);
}

const VERSION = { name: 'version', description: 'Rule set version', example: 1, schema: { type: 'integer' as const, minimum: 1 } };
const ADMIN = 'admin';

/** The rules routes in the document (rules.controller.ts). */
export const RulesDocs = {
  create: withMediaTypes(ApiRoute({
    summary: 'Store a rule set as a new version',
    description: `JSON, or YAML with Content-Type ${RULE_SET_YAML_TYPES.join(' / ')}; stored as posted. Posting always creates a version.`,
    security: ADMIN,
    body: RULE_SET_BODY,
    ok: { status: 201, description: 'Stored', schema: { type: 'object', properties: { version: { type: 'integer' } }, required: ['version'] } },
    errors: [400, 401, 413, 415],
  })),
  validate: withMediaTypes(ApiRoute({
    summary: 'Check a rule set without storing it',
    security: ADMIN,
    body: RULE_SET_BODY,
    ok: { status: 200, description: 'Valid', schema: { type: 'object', properties: { valid: { type: 'boolean', enum: [true] } } } },
    errors: [400, 401, 413, 415],
  })),
  list: ApiRoute({
    summary: 'Rule set versions',
    security: ADMIN,
    query: PAGE_QUERY,
    ok: { status: 200, description: 'A page of versions', schema: pageOf({ type: 'object', properties: { version: { type: 'integer' }, name: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, author: { type: 'string', nullable: true }, active: { type: 'boolean' } } }) },
    errors: [400, 401],
  }),
  show: ApiRoute({ summary: 'One rule set version with its text', security: ADMIN, params: [VERSION], ok: { status: 200, description: 'The version' }, errors: [400, 401, 404] }),
  activate: ApiRoute({
    summary: 'Activate a version',
    description: 'Applies to new events at once (workers pick it up within 5 s); `{"rescore": true}` also starts a replay under it.',
    security: ADMIN,
    params: [VERSION],
    body: { required: false, schema: { type: 'object', properties: { rescore: { type: 'boolean', default: false } }, additionalProperties: false }, examples: { activate: { value: { rescore: false } } } },
    ok: { status: 200, description: 'Active (202 with a replayId when rescoring)' },
    errors: [400, 401, 404],
  }),
};

