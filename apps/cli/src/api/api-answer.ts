/** One problem the server (or the CLI) found: a dotted path and what was expected there. */
export interface FieldError {
  path: string;
  message: string;
}

/** An HTTP answer, its body parsed when it was JSON. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** The house error body, `{"errors": [{path, message}]}`; anything else becomes one error on `body`. */
export function errorsOf(answer: ApiAnswer): FieldError[] {
  const body = answer.body as { errors?: unknown } | null;
  if (body && typeof body === 'object' && Array.isArray(body.errors)) {
    return body.errors.filter(isFieldError);
  }
  const text = typeof answer.body === 'string' && answer.body !== '' ? answer.body : `HTTP ${answer.status}`;
  return [{ path: 'body', message: text.slice(0, 500) }];
}

function isFieldError(value: unknown): value is FieldError {
  return typeof value === 'object' && value !== null && typeof (value as FieldError).path === 'string' && typeof (value as FieldError).message === 'string';
}
