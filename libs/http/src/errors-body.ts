import { HttpException } from '@nestjs/common';
import { type FieldError } from '@leadscore/contracts';
import { RequestError } from './request-errors';

/** The body of every error answer: `{"errors": [{"path", "message"}]}`. */
export interface ErrorsBody {
  errors: FieldError[];
}

export interface ErrorResponse {
  status: number;
  body: ErrorsBody;
  headers: Record<string, string>;
  /** True for a fault of ours (a bug, an unknown error): log it; the client sees no detail. */
  unexpected: boolean;
}

export interface ErrorResponseOptions {
  /** The body limit the server enforces, to say it in the 413 message. */
  bodyLimitBytes?: number;
}

export function errorsBody(errors: FieldError[]): ErrorsBody {
  return { errors };
}

/**
 * The one place errors become status codes: our RequestErrors, Nest's HttpExceptions and the
 * errors Fastify raises before a handler runs (body too large, bad JSON, unknown content type).
 * Anything else is a 500 with no detail.
 */
export function toErrorResponse(exception: unknown, options: ErrorResponseOptions = {}): ErrorResponse {
  if (exception instanceof RequestError) return fromRequestError(exception);
  const status = clientErrorStatus(exception);
  if (status !== null) return fromClientError(status, messageOf(exception), options);
  return answer(500, [{ path: '', message: 'internal error' }], {}, true);
}

function fromRequestError(error: RequestError): ErrorResponse {
  switch (error.kind) {
    case 'validation-failed':
      return answer(400, error.errors);
    case 'unauthorized':
      return answer(401, error.errors);
    case 'forbidden':
      return answer(403, error.errors);
    case 'not-found':
      return answer(404, error.errors);
    case 'conflict':
      return answer(409, error.errors);
    case 'payload-too-large':
      return answer(413, error.errors);
    case 'unsupported-media-type':
      return answer(415, error.errors);
    case 'rate-limited':
      return answer(429, error.errors, { 'retry-after': String(retryAfterOf(error)) });
    case 'unavailable': {
      const retryAfter = retryAfterOf(error);
      return answer(503, error.errors, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) });
    }
  }
}

function retryAfterOf(error: RequestError): number | undefined {
  const value = (error as { retryAfterS?: number }).retryAfterS;
  return value === undefined ? undefined : Math.max(0, Math.ceil(value));
}

/** The 4xx status of an HttpException or of an error Fastify raised (`statusCode`); null otherwise. */
function clientErrorStatus(exception: unknown): number | null {
  let status: unknown = null;
  if (exception instanceof HttpException) status = exception.getStatus();
  else if (exception instanceof Error) status = (exception as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}

function fromClientError(status: number, message: string, options: ErrorResponseOptions): ErrorResponse {
  switch (status) {
    case 413: {
      const limit = options.bodyLimitBytes === undefined ? '' : ` (at most ${options.bodyLimitBytes} bytes)`;
      return answer(413, [{ path: 'body', message: `the request body is too large${limit}` }]);
    }
    case 415:
      return answer(415, [{ path: 'content-type', message: 'unsupported Content-Type; send the body as application/json' }]);
    case 400:
      return answer(400, [{ path: 'body', message: bodyMessage(message) }]);
    default:
      return answer(status, [{ path: '', message }]);
  }
}

// Fastify's own wording names its internals; say what the client should send instead.
function bodyMessage(message: string): string {
  if (/not valid JSON/i.test(message)) return 'the body is not valid JSON';
  if (/cannot be empty/i.test(message)) return 'the body is empty; send a JSON document';
  return message;
}

function messageOf(exception: unknown): string {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    if (Array.isArray(message)) return message.map(String).join('; ');
    if (typeof message === 'string') return message;
  }
  return exception instanceof Error ? exception.message : 'bad request';
}

function answer(status: number, errors: FieldError[], headers: Record<string, string> = {}, unexpected = false): ErrorResponse {
  return { status, body: errorsBody(errors), headers, unexpected };
}
