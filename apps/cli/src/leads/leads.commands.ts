import { type LeadView } from '@leadscore/contracts';
import { segment } from '../api/api-client';
import { type CliContext } from '../cli-context';
import { formatLead, formatLeadList, formatTimeline, type TimelineEntryAnswer } from './lead.format';

type Page<T> = { items: T[]; nextCursor: string | null };

export interface LeadListFilters {
  stage?: string;
  minScore?: string;
  team?: string;
  source?: string;
  sort?: string;
  cursor?: string;
  limit?: string;
}

export async function listLeads(context: CliContext, filters: LeadListFilters): Promise<void> {
  const page = await context.admin().call<Page<LeadView>>('GET', '/v1/leads', { query: { ...filters } });
  context.show(page, () => formatLeadList(page));
}

export async function showLead(context: CliContext, leadId: string, options: { asOf?: string }): Promise<void> {
  const lead = await context.admin().call<LeadView>('GET', `/v1/leads/${segment(leadId)}`, { query: { asOf: options.asOf } });
  context.show(lead, () => formatLead(lead));
}

export async function leadTimeline(context: CliContext, leadId: string, options: { cursor?: string; limit?: string }): Promise<void> {
  const page = await context.admin().call<Page<TimelineEntryAnswer>>('GET', `/v1/leads/${segment(leadId)}/timeline`, { query: { ...options } });
  context.show(page, () => formatTimeline(page));
}
