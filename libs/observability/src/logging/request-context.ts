import { AsyncLocalStorage } from 'node:async_hooks';

const requests = new AsyncLocalStorage<string>();

/**
 * Runs `fn` as part of the HTTP request `requestId`: every log line written from it (and from
 * what it awaits) carries `requestId`, whichever logger writes it. libs/http enters it per request.
 */
export function runInRequest<T>(requestId: string, fn: () => T): T {
  return requests.run(requestId, fn);
}

/** The id of the HTTP request being handled, or undefined outside one (a worker's loop, start-up). */
export function currentRequestId(): string | undefined {
  return requests.getStore();
}
