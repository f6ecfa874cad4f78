import { type FieldError } from '@leadscore/contracts';

/**
 * Errors a service throws when a request cannot be served. They name no status code: the one
 * place that turns them into HTTP answers is `toErrorResponse` (errors-body.ts).
 */
export abstract class RequestError extends Error {
  abstract readonly kind: RequestErrorKind;

  constructor(readonly errors: FieldError[]) {
    super(errors.map((error) => (error.path ? `${error.path}: ${error.message}` : error.message)).join('; '));
    this.name = new.target.name;
  }
}

export type RequestErrorKind =
  | 'validation-failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'unavailable';

/** The input breaks its contract; every problem is listed with its path. */
export class ValidationFailed extends RequestError {
  readonly kind = 'validation-failed';
}

/** No credentials, or credentials that open nothing. */
export class Unauthorized extends RequestError {
  readonly kind = 'unauthorized';
  constructor(path = 'authorization', message = 'valid credentials are required') {
    super([{ path, message }]);
  }
}

/** Valid credentials that do not allow this request (a browser call from an origin the source does not list). */
export class Forbidden extends RequestError {
  readonly kind = 'forbidden';
  constructor(path: string, message: string) {
    super([{ path, message }]);
  }
}

export class NotFound extends RequestError {
  readonly kind = 'not-found';
  constructor(path: string, message: string) {
    super([{ path, message }]);
  }
}

/** The request contradicts the current state (a duplicate name, a stale version). */
export class Conflict extends RequestError {
  readonly kind = 'conflict';
  constructor(path: string, message: string) {
    super([{ path, message }]);
  }
}

/** Over a size or count limit (the body, the events of a batch). */
export class PayloadTooLarge extends RequestError {
  readonly kind = 'payload-too-large';
  constructor(path: string, message: string) {
    super([{ path, message }]);
  }
}

export class UnsupportedMediaType extends RequestError {
  readonly kind = 'unsupported-media-type';
  constructor(message: string, path = 'content-type') {
    super([{ path, message }]);
  }
}

/** Over a rate limit; the client may retry after `retryAfterS` seconds. */
export class RateLimited extends RequestError {
  readonly kind = 'rate-limited';
  constructor(readonly retryAfterS: number, message = `too many requests; retry in ${retryAfterS} s`) {
    super([{ path: '', message }]);
  }
}

/** A dependency cannot take the request now (Kafka down, database unreachable); retrying may work. */
export class Unavailable extends RequestError {
  readonly kind = 'unavailable';
  constructor(message: string, readonly retryAfterS?: number) {
    super([{ path: '', message }]);
  }
}
