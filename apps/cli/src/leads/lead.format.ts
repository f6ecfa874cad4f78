import { type LeadView } from '@leadscore/contracts';
import { type Column, renderFields, renderTable, signed } from '../output/table.format';

export interface Reason {
  ruleId: string;
  points: number;
  limited?: boolean;
  capped?: boolean;
  expired?: boolean;
}

export interface TimelineEntryAnswer {
  seq: string;
  type: string;
  occurredAt: string;
  source: string | null;
  points: number | null;
  reasons: Reason[] | null;
  scoreAfter: number | null;
  stageAfter: string | null;
  stageChange: { from: string; to: string } | null;
  note: string | null;
  ignored: boolean;
  handoffs: Array<{ promotion: string; status: string; assignedTo: { team: string; member: string | null } | null }>;
}

const owner = (lead: { owner: LeadView['owner'] }) => (lead.owner ? [lead.owner.team, lead.owner.member].filter(Boolean).join('/') : '');

const LEAD_COLUMNS: ReadonlyArray<Column<LeadView>> = [
  { header: 'LEAD', value: (lead) => lead.leadId },
  { header: 'SCORE', value: (lead) => lead.score, align: 'right' },
  { header: 'FIT', value: (lead) => lead.fitScore, align: 'right' },
  { header: 'ENGAGEMENT', value: (lead) => lead.engagementScore, align: 'right' },
  { header: 'GRADE', value: (lead) => lead.grade },
  { header: 'STAGE', value: (lead) => lead.stage },
  { header: 'OWNER', value: owner },
  { header: 'LAST ACTIVITY', value: (lead) => lead.lastActivityAt },
];

// Only with an active model; a lead the admin has not computed yet shows "pending".
const WIN_COLUMN: Column<LeadView> = { header: 'WIN', value: (lead) => (lead.winProbability === undefined ? '' : percent(lead.winProbability)), align: 'right' };

/** A probability as a percentage with one decimal; null (not computed yet) as "pending". */
function percent(probability: number | null): string {
  return probability === null ? 'pending' : `${(probability * 100).toFixed(1)}%`;
}

export function formatLeadList(page: { items: LeadView[]; nextCursor: string | null }): string {
  const withModel = page.items.some((lead) => lead.winProbability !== undefined);
  const columns = withModel ? [...LEAD_COLUMNS.slice(0, 2), WIN_COLUMN, ...LEAD_COLUMNS.slice(2)] : LEAD_COLUMNS;
  const table = renderTable(columns, page.items);
  return page.nextCursor ? `${table}\n\nmore: --cursor ${page.nextCursor}` : table;
}

export function formatLead(lead: LeadView): string {
  return renderFields([
    ['lead', lead.leadId],
    ['score', lead.score],
    ['fit', lead.fitScore],
    ['engagement', lead.engagementScore],
    ['grade', lead.grade],
    ['stage', lead.stage],
    ['owner', owner(lead)],
    ['rule version', lead.ruleVersion],
    ['events', lead.eventCount],
    ['first seen', lead.firstSeenAt],
    ['last activity', lead.lastActivityAt],
    ['traits', lead.traits],
    ...(lead.winProbability === undefined ? [] : [['win probability', `${percent(lead.winProbability)} (model ${lead.modelId})`] as [string, unknown]]),
  ]);
}

/** `whitepaper +15, careers -10 (limited)`: every rule the event touched, with its points. */
export function formatReasons(reasons: readonly Reason[] | null): string {
  if (!reasons) return '';
  return reasons
    .map((reason) => {
      const marks = [reason.limited && 'limited', reason.capped && 'capped', reason.expired && 'expired'].filter(Boolean);
      return `${reason.ruleId} ${signed(reason.points)}${marks.length ? ` (${marks.join(', ')})` : ''}`;
    })
    .join(', ');
}

function stageCell(entry: TimelineEntryAnswer): string {
  if (entry.stageChange) return `${entry.stageChange.from} → ${entry.stageChange.to}`;
  return entry.stageAfter ?? '';
}

function noteCell(entry: TimelineEntryAnswer): string {
  const handoffs = entry.handoffs.map((handoff) => `handoff ${handoff.promotion} ${handoff.status}${handoff.assignedTo ? ` → ${handoff.assignedTo.team}` : ''}`);
  return [entry.ignored ? 'ignored' : '', entry.note ?? '', ...handoffs].filter(Boolean).join('; ');
}

const TIMELINE_COLUMNS: ReadonlyArray<Column<TimelineEntryAnswer>> = [
  { header: 'OCCURRED', value: (entry) => entry.occurredAt },
  { header: 'TYPE', value: (entry) => entry.type },
  { header: 'POINTS', value: (entry) => (entry.points === null ? 'pending' : signed(entry.points)), align: 'right' },
  { header: 'RULES', value: (entry) => formatReasons(entry.reasons) },
  { header: 'SCORE', value: (entry) => entry.scoreAfter, align: 'right' },
  { header: 'STAGE', value: stageCell },
  { header: 'NOTES', value: noteCell },
];

/** One row per event: its points, the rules that gave them, the score and stage after it. */
export function formatTimeline(page: { items: TimelineEntryAnswer[]; nextCursor: string | null }): string {
  const table = renderTable(TIMELINE_COLUMNS, page.items);
  return page.nextCursor ? `${table}\n\nmore: --cursor ${page.nextCursor}` : table;
}
