import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Pool } from 'pg';
import { newProjectionsCopy, withTransaction, type ProjectionRow } from '@leadscore/persistence';
import { foldLeads } from '@leadscore/projection';
import { type CompiledRuleSet, type LeadState } from '@leadscore/scoring';
import { forEachLeadPage } from './event-pages';
import { sliceByLead } from './lead-slices';
import { PageWriters, type PageTarget } from './page-writers';

export interface LeadByLeadPass {
  pool: Pool;
  target: PageTarget;
  ruleSet: CompiledRuleSet;
  /** Inclusive: the replay's first safe horizon. */
  uptoSeq: string;
  pageSize: number;
  /** Events folded between two turns of the event loop. */
  sliceEvents: number;
  /** Counts a page's events; returns the replay's progress so far. */
  count: (events: number) => number;
}

/**
 * A replay's main pass, [1, uptoSeq] lead by lead: each lead's whole history goes through one
 * `foldLeads` call (two when it runs on into the next page). The next page is read while this one
 * is folded, slice by slice, its audit rows streaming into PostgreSQL as they come; a lead's
 * projection goes out with the page that holds its last event and its state is dropped, so only
 * the page's last lead, which may run on into the next page, is kept until a page starts with
 * another lead. Leaves no state behind: a catch-up loads what it needs from the generation.
 */
export async function foldLeadByLead(pass: LeadByLeadPass): Promise<void> {
  const states = new Map<string, LeadState>();
  const finished = (rows: ProjectionRow[]): ProjectionRow[] => {
    for (const row of rows) states.delete(row.leadId);
    return rows;
  };
  let open: ProjectionRow | null = null;
  const writers = await PageWriters.connect(pass.pool, pass.target);
  try {
    await forEachLeadPage(pass.pool, { uptoSeq: pass.uptoSeq, pageSize: pass.pageSize }, async (events) => {
      const page = await writers.begin();
      const carried: ProjectionRow | null = open;
      if (carried && carried.leadId !== events[0].leadId) page.addFinalProjections(finished([carried]));
      const lastLead = events[events.length - 1].leadId;
      open = null;
      for (const slice of sliceByLead(events, pass.sliceEvents)) {
        const folded = foldLeads(slice, states, pass.ruleSet, 'rebuild');
        page.writeAudit(folded.audit);
        for (const row of folded.projections) {
          if (row.leadId === lastLead) open = row;
          else page.addFinalProjections(finished([row]));
        }
        if (open) states.set(open.leadId, open.state as LeadState);
        await nextTurn();
      }
      writers.finish(pass.count(events.length));
    });
    await writers.drain();
  } finally {
    await writers.release();
  }
  const last: ProjectionRow | null = open;
  if (last) await writeLastLead(pass, last);
}

/** The pass's very last lead, whose end only the end of the pass tells. */
async function writeLastLead(pass: LeadByLeadPass, row: ProjectionRow): Promise<void> {
  await withTransaction(pass.pool, (client) => newProjectionsCopy.copy(client, pass.target.generation, [row]));
}
