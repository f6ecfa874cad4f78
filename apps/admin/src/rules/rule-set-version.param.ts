import { ValidationFailed } from '@leadscore/http';

/** A rule set version from the URL: a positive integer, else 400 on `version`. */
export function parseVersionParam(value: string): number {
  const version = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(version) || version > 2_147_483_647) {
    throw new ValidationFailed([{ path: 'version', message: 'version must be a positive integer' }]);
  }
  return version;
}
