import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { type ParseResult } from './rule-set.definition';
import { isRecord } from './validation-issues';
import { validateRuleSet } from './validate-rule-set';

const MAX_TEXT_LENGTH = 1024 * 1024;

type ReadResult = { ok: true; value: unknown } | { ok: false; errors: Array<{ path: string; message: string }> };

/**
 * Rule-set text → a validated definition, or every error by path. Without `format`, the text is
 * JSON when it parses as a JSON object, YAML otherwise.
 */
export function parseRuleSet(text: string, format?: 'yaml' | 'json'): ParseResult {
  if (text.length > MAX_TEXT_LENGTH) return { ok: false, errors: [{ path: '', message: 'rule set text is over 1 MiB' }] };
  const read = format === 'json' ? readJson(text) : format === 'yaml' ? readYaml(text) : sniff(text);
  return read.ok ? validateRuleSet(read.value) : read;
}

function sniff(text: string): ReadResult {
  const json = readJson(text);
  return json.ok && isRecord(json.value) ? json : readYaml(text);
}

function readJson(text: string): ReadResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `invalid JSON: ${(error as Error).message}` }] };
  }
}

function readYaml(text: string): ReadResult {
  const lines = new LineCounter();
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  if (document.errors.length > 0) {
    const errors = document.errors.map((error) => ({ path: '', message: `invalid YAML: ${yamlMessage(error, lines)}` }));
    return { ok: false, errors };
  }
  return { ok: true, value: document.toJS({ maxAliasCount: 100 }) as unknown };
}

function yamlMessage(error: YAMLError, lines: LineCounter): string {
  const { line, col } = lines.linePos(error.pos[0]);
  return `${error.message} (line ${line}, column ${col})`;
}
