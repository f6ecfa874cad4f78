import { type FieldError } from '../api/api-answer';
import { terminalText } from './terminal-text';

/** One line per error, `path: message` (exit code 1 follows). */
export function formatErrors(errors: readonly FieldError[]): string {
  return errors.map((error) => `${terminalText(error.path)}: ${terminalText(error.message)}`).join('\n');
}
