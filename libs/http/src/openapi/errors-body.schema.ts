import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

/** `{path, message}` (libs/contracts FieldError), as the document shows it. */
export class FieldErrorSchema {
  @ApiProperty({ description: 'Dotted path of the field (`events.3.leadId`), `body` for the whole body', example: 'leadId' })
  path!: string;

  @ApiProperty({ description: 'What was expected there', example: 'leadId must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -' })
  message!: string;
}

/** The body of every error answer (errors-body.ts): `{"errors": [{"path", "message"}]}`. */
export class ErrorsBodySchema {
  @ApiProperty({ type: [FieldErrorSchema] })
  errors!: FieldErrorSchema[];
}

/** What each error status means on our routes. */
const MEANINGS: Record<number, string> = {
  400: 'Invalid input: every problem with its field path; nothing was changed',
  401: 'Missing or invalid credentials',
  403: 'Refused: e.g. a browser Origin the source does not allow',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The body (or the batch) is over the size limit',
  415: 'The body is not in a media type this route takes',
  429: 'Over the rate limit: retry after `Retry-After` seconds',
  503: 'A dependency (Kafka, PostgreSQL) cannot take it now: retry after `Retry-After` seconds; nothing was written',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } };

/** One documented response per status, all with the house error body (`schema` overrides it, e.g. Segment's). */
export function ApiErrors(statuses: number[], options: { schema?: new () => unknown; meanings?: Record<number, string> } = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: options.meanings?.[status] ?? MEANINGS[status] ?? 'Error',
        type: options.schema ?? ErrorsBodySchema,
        headers: status === 429 || status === 503 ? RETRY_AFTER : undefined,
      }),
    ),
  );
}
