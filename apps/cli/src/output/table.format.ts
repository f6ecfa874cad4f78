import { terminalText } from './terminal-text';

export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
}

/** A plain-text table: a header, a rule, one line per row; cells made safe for a terminal. */
export function renderTable<T>(columns: ReadonlyArray<Column<T>>, rows: readonly T[]): string {
  const cells = rows.map((row) => columns.map((column) => terminalText(column.value(row))));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...cells.map((line) => line[index].length)));
  const format = (line: string[]) =>
    line
      .map((cell, index) => (columns[index].align === 'right' ? cell.padStart(widths[index]) : cell.padEnd(widths[index])))
      .join('  ')
      .trimEnd();
  return [format(columns.map((column) => column.header)), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(format)].join('\n');
}

/** Key/value lines for one object (a lead, a replay). */
export function renderFields(fields: ReadonlyArray<[string, unknown]>): string {
  const width = Math.max(...fields.map(([name]) => name.length));
  return fields.map(([name, value]) => `${name.padEnd(width)}  ${terminalText(value)}`.trimEnd()).join('\n');
}

/** A signed number: `+5`, `-3`, `0`. */
export function signed(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const rounded = Math.round(value * 100) / 100;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}
