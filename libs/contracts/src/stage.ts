/** The lifecycle stages (docs/stages.md), as stored and published. */
export const STAGES = ['new', 'mql', 'contacted', 'sql', 'opportunity', 'customer', 'nurture', 'unqualified', 'inactive'] as const;
export type Stage = (typeof STAGES)[number];
