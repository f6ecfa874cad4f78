/** The lifecycle stages of docs/stages.md (same literals as `@leadscore/contracts`). */
export type Stage =
  | 'new'
  | 'mql'
  | 'contacted'
  | 'sql'
  | 'opportunity'
  | 'customer'
  | 'nurture'
  | 'unqualified'
  | 'inactive';

/** A handoff that is due: the lead just became an MQL or an SQL. */
export type Promotion = 'mql' | 'sql';

export type Grade = 'A' | 'B' | 'C' | 'D';
