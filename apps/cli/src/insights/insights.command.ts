import { type CliContext } from '../cli-context';
import { formatInsights, type InsightsAnswer } from './insights.format';

/** `insights --from --to [--source]`: `GET /v1/insights` (the server checks the window: 400 by field). */
export async function insights(context: CliContext, options: { from: string; to: string; source?: string }): Promise<void> {
  const answer = await context.admin().call<InsightsAnswer>('GET', '/v1/insights', { query: { from: options.from, to: options.to, source: options.source } });
  context.show(answer, () => formatInsights(answer));
}
