export interface LeadView {
  leadId: string;
  score: number;
  fitScore: number;
  engagementScore: number;
  grade: string | null;
  stage: string;
  owner: { team: string; member: string | null } | null;
  ruleVersion: number;
  eventCount: number;
  lastActivityAt: string | null;
  traits: Record<string, unknown>;
  source: string | null;
  /** With an active model: its win probability (in the list, null until the admin computed it) and its id. */
  winProbability?: number | null;
  modelId?: string;
}

/** The active model's win probability of one lead (the timeline page's), with the features that moved it most. */
export interface WinProbability {
  modelId: string;
  winProbability: number;
  /** Contributions to the log-odds, largest magnitude first (at most five). */
  why: Array<{ name: string; contribution: number }>;
}

/** A win probability as a percentage; none (no active model, or not computed yet) as a dash. */
export const percent = (probability: number | null | undefined) => (typeof probability === 'number' ? `${(probability * 100).toFixed(1)}%` : '–');

export interface Reason {
  ruleId: string;
  points: number;
  kind: string;
  group: string;
  capped?: boolean;
  limited?: boolean;
  expired?: boolean;
}

export interface TimelineEntry {
  seq: string;
  eventId: string;
  type: string;
  occurredAt: string;
  source: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown> | null;
  points: number | null;
  reasons: Reason[] | null;
  scoreAfter: number | null;
  stageAfter: string | null;
  stageChange: { from: string; to: string; cause: string } | null;
  note: string | null;
  handoffs: Array<{ id: string; promotion: string; status: string; assignedTo: { team: string; member: string | null } | null }>;
}

export const STAGES = ['new', 'mql', 'contacted', 'sql', 'opportunity', 'customer', 'nurture', 'unqualified', 'inactive'];

/** Any value as text (traits and properties are data from a public write key: never markup). */
export const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
