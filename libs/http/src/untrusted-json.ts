/**
 * How every JSON body is parsed (Fastify's parser is set to the same: `onProtoPoisoning` and
 * `onConstructorPoisoning` = remove). A `__proto__` key, or a `constructor` holding `prototype`,
 * is dropped rather than refused as a whole body: a field supplied only through it is then
 * reported missing on its own path (`leadId`), and no object built from the input can have its
 * prototype swapped (`Object.assign` with an own `__proto__` key would).
 */
export function parseUntrustedJson(text: string): unknown {
  return JSON.parse(text, dropPrototypeKeys) as unknown;
}

function dropPrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') return undefined;
  if (key === 'constructor' && typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, 'prototype')) return undefined;
  return value;
}
