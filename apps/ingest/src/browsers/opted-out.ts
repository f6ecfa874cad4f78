/**
 * A request the visitor asked not to be tracked in (Global Privacy Control `Sec-GPC: 1`, Do Not
 * Track `DNT: 1`): the pixel and the Segment routes answer as usual and record nothing.
 */
export function optedOut(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['sec-gpc']?.toString().trim() === '1' || headers.dnt?.toString().trim() === '1';
}

const OPTED_OUT = Symbol('OptedOut');

/** Marks a request as opted out (the Segment guard, before any authentication). */
export function markOptedOut(request: object): void {
  (request as { [OPTED_OUT]?: true })[OPTED_OUT] = true;
}

export function isMarkedOptedOut(request: object): boolean {
  return (request as { [OPTED_OUT]?: true })[OPTED_OUT] === true;
}
