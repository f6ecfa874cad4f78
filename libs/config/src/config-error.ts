/** A configuration variable that is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, readonly expected: string, readonly got: string | undefined) {
    super(`Invalid configuration: ${variable} must be ${expected}${got === undefined ? ' (it is not set)' : `, got "${got}"`}`);
    this.name = 'ConfigError';
  }
}
