import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiSecurity, type ApiBodyOptions } from '@nestjs/swagger';
import { type SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ApiErrors } from './errors-body.schema';

export interface ApiRouteOptions {
  summary: string;
  description?: string;
  /** The success answer: its status, what it means, its body. */
  ok: { status: number; description: string; schema?: SchemaObject; type?: new () => unknown };
  /** Error statuses this route answers (house error body). */
  errors?: number[];
  body?: ApiBodyOptions;
  params?: Array<{ name: string; description: string; example?: string | number; schema?: SchemaObject }>;
  query?: Array<{ name: string; description: string; schema?: SchemaObject }>;
  /** A security scheme of the document (`admin`): every ops route needs the admin token. */
  security?: string;
}

/** One route's whole documentation in one decorator: operation, parameters, body, answers. */
export function ApiRoute(options: ApiRouteOptions): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary: options.summary, description: options.description }),
    ...(options.security ? [ApiSecurity(options.security)] : []),
    ...(options.params ?? []).map((param) => ApiParam({ name: param.name, description: param.description, schema: { type: 'string', ...param.schema, ...(param.example === undefined ? {} : { example: param.example }) } })),
    ...(options.query ?? []).map((query) => ApiQuery({ name: query.name, description: query.description, required: false, schema: query.schema ?? { type: 'string' } })),
    ...(options.body ? [ApiBody(options.body)] : []),
    ApiResponse({ status: options.ok.status, description: options.ok.description, ...(options.ok.type ? { type: options.ok.type } : { schema: options.ok.schema ?? { type: 'object' } }) }),
    ApiErrors(options.errors ?? []),
  );
}

/** `?cursor=&limit=` of every list, and its `{items, nextCursor}` answer. */
export const PAGE_QUERY: NonNullable<ApiRouteOptions['query']> = [
  { name: 'cursor', description: 'From the previous page’s nextCursor' },
  { name: 'limit', description: 'Items per page (at most 500)', schema: { type: 'integer', minimum: 1, maximum: 500 } },
];

export function pageOf(items: SchemaObject): SchemaObject {
  return { type: 'object', properties: { items: { type: 'array', items }, nextCursor: { type: 'string', nullable: true, description: 'null on the last page' } }, required: ['items', 'nextCursor'] };
}
