import { terminalText } from '../output/terminal-text';
import { type SendSummary } from './send-file';

/** `1 2 3 5 6 7 9` → `1-3, 5-7, 9`. */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let index = 0; index < sorted.length; ) {
    let end = index;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end += 1;
    ranges.push(end === index ? String(sorted[index]) : `${sorted[index]}-${sorted[end]}`);
    index = end + 1;
  }
  return ranges.join(', ');
}

/** How many lines were accepted and refused, and each refused line's errors by field. */
export function formatSendSummary(summary: SendSummary): string {
  const lines = [`${summary.lines} lines: ${summary.accepted.length} accepted, ${summary.refused.length} refused`];
  if (summary.accepted.length) lines.push(`accepted lines: ${lineRanges(summary.accepted)}`);
  for (const refused of summary.refused) {
    for (const error of refused.errors) lines.push(`line ${refused.line}: ${terminalText(error.path)}: ${terminalText(error.message)}`);
  }
  return lines.join('\n');
}
