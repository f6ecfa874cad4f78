import { type SimulationResult } from '@leadscore/contracts';
import { type Column, renderTable, signed } from '../output/table.format';

/** The stages in funnel order (libs/contracts stage.ts); a stage the server adds later comes after them. */
const STAGE_ORDER = ['new', 'mql', 'contacted', 'sql', 'opportunity', 'customer', 'nurture', 'unqualified', 'inactive'];

interface StageRow {
  stage: string;
  before: number;
  after: number;
}

const STAGE_COLUMNS: ReadonlyArray<Column<StageRow>> = [
  { header: 'STAGE', value: (row) => row.stage },
  { header: 'BEFORE', value: (row) => row.before, align: 'right' },
  { header: 'AFTER', value: (row) => row.after, align: 'right' },
  { header: 'CHANGE', value: (row) => signed(row.after - row.before), align: 'right' },
];

type Mover = SimulationResult['topMovers'][number];

const MOVER_COLUMNS: ReadonlyArray<Column<Mover>> = [
  { header: 'LEAD', value: (mover) => mover.leadId },
  { header: 'BEFORE', value: (mover) => (mover.before ? `${mover.before.score} ${mover.before.stage}` : '(none)') },
  { header: 'AFTER', value: (mover) => `${mover.after.score} ${mover.after.stage}` },
  { header: 'CHANGE', value: (mover) => signed(mover.after.score - (mover.before?.score ?? 0)), align: 'right' },
];

export function stageRows(result: SimulationResult): StageRow[] {
  const stages = new Set([...Object.keys(result.stageCountsBefore), ...Object.keys(result.stageCountsAfter)]);
  const rank = (stage: string) => (STAGE_ORDER.includes(stage) ? STAGE_ORDER.indexOf(stage) : STAGE_ORDER.length);
  return [...stages]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((stage) => ({ stage, before: result.stageCountsBefore[stage] ?? 0, after: result.stageCountsAfter[stage] ?? 0 }));
}

/** What a rule version would change: per-stage counts before/after, the MQL/SQL crossings, the top movers. */
export function formatSimulationDiff(result: SimulationResult): string {
  const { crossings } = result;
  return [
    `changed leads: ${result.changedLeads}`,
    `crossings: into MQL ${crossings.intoMql}, out of MQL ${crossings.outOfMql}, into SQL ${crossings.intoSql}, out of SQL ${crossings.outOfSql}`,
    '',
    renderTable(STAGE_COLUMNS, stageRows(result)),
    '',
    'top movers',
    renderTable(MOVER_COLUMNS, result.topMovers),
  ].join('\n');
}
