import { type LeadState } from './lead-state';
import { type Promotion, type Stage } from './stage';

/**
 * One rule that fired (or was stopped) on one event. `points` is what counted, in points with
 * 2 decimals: `limited` = its limit stopped it (0), `capped` = its group cap cut it, `expired` =
 * a late event whose points had already expired when it arrived (0). Reasons may be shared
 * between results (frozen): copy one rather than edit it.
 */
export interface Reason {
  ruleId: string;
  points: number;
  kind: 'fit' | 'engagement';
  group: string;
  limited?: boolean;
  capped?: boolean;
  expired?: boolean;
}

export interface StageChange {
  from: Stage;
  to: Stage;
  cause: 'score' | 'feedback' | 'inactivity';
}

export interface FoldResult {
  /**
   * The lead after this event. From `fold`, a fresh object. From `foldBatch`, a snapshot of the
   * lead's own fields; its `ledger` is the batch's working one, so persist `foldBatch().state`.
   */
  state: LeadState;
  scoreChange: { before: number; after: number } | null;
  stageChange: StageChange | null;
  /** A handoff is due; never twice for the same crossing. */
  promotion: Promotion | null;
  /** Every rule that fired or was limited by this event, biggest |points| first. */
  reasons: Reason[];
  /** Why a sales feedback action, or an identity event, changed nothing. */
  note?: string;
  /** The event acted as nothing: a reserved type from a producer that may not write it (the reason, also the note). */
  ignored?: string;
  /**
   * Identity merging (identity.ts): `mergedInto` = this event merged the lead; `forwardTo` = the
   * lead is merged, so this event changed nothing here and belongs to that lead.
   */
  identity?: { mergedInto?: string; forwardTo?: string };
}
