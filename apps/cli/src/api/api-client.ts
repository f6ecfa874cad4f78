import { type ApiAnswer, errorsOf, type FieldError } from './api-answer';

/** The server refused the call (4xx/5xx): the CLI prints its errors per field and exits 1. */
export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly errors: FieldError[],
  ) {
    super(`refused (HTTP ${status})`);
  }
}

/** The command line itself is wrong (missing argument, missing credential): exit 2. */
export class UsageError extends Error {}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  /** A JSON body, or text sent as is with `contentType`. */
  json?: unknown;
  text?: string;
  contentType?: string;
}

/** A thin client over fetch for one base URL and one credential (the admin token or a write key). */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly authorization: string | null,
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiAnswer> {
    const url = new URL(path.replace(/^\//, ''), this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.authorization) headers.authorization = this.authorization;
    let body: string | undefined;
    if (options.text !== undefined) {
      body = options.text;
      headers['content-type'] = options.contentType ?? 'text/plain';
    } else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseBody(text, response.headers.get('content-type')) };
  }

  /** The body of a 2xx answer; any other answer is Refused with the server's field errors. */
  async call<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const answer = await this.request(method, path, options);
    if (answer.status < 200 || answer.status >= 300) throw new Refused(answer.status, errorsOf(answer));
    return answer.body as T;
  }
}

/** Path segments from the command line (lead ids, source ids) are always encoded. */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}

function parseBody(text: string, contentType: string | null): unknown {
  if (text === '') return null;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
