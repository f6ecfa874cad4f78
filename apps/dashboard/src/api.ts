/** The ops API from the browser: the token of this tab (sessionStorage), JSON in and out. */
const TOKEN_KEY = 'leadscore.opsToken';

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly errors: FieldError[]) {
    super(errors.map((error) => (error.path ? `${error.path}: ${error.message}` : error.message)).join('; ') || `HTTP ${status}`);
  }
}

type SignOutListener = (message: string) => void;
let onSignOut: SignOutListener = () => undefined;

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: (message = '') => {
    sessionStorage.removeItem(TOKEN_KEY);
    onSignOut(message);
  },
  onSignOut: (listener: SignOutListener) => {
    onSignOut = listener;
  },
};

/** A call with the tab's token; a 401/403 signs out with the server's message. */
export async function api<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${session.token() ?? ''}` };
  if (body !== undefined) headers['content-type'] = contentType;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (response.ok) return json as T;
  const errors = (json as { errors?: FieldError[] } | undefined)?.errors ?? [];
  const error = new ApiError(response.status, errors);
  if (response.status === 401 || response.status === 403) session.signOut(`${response.status === 401 ? 'Signed out' : 'Not allowed'}: ${error.message}`);
  throw error;
}

/** `?a=1&b=2` of the non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
