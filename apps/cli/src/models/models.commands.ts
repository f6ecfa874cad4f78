import { segment } from '../api/api-client';
import { type CliContext, pollUntil } from '../cli-context';
import { formatModel, formatModelList, type ModelAnswer } from './model.format';

/** `models train --from --to [--seed]`: POST /v1/models, then the job with a progress bar until done or failed. */
export async function trainModel(context: CliContext, options: { from: string; to: string; seed?: number; wait: boolean; timeoutMs: number }): Promise<boolean> {
  const admin = context.admin();
  const body = { from: options.from, to: options.to, ...(options.seed === undefined ? {} : { seed: options.seed }) };
  const { modelId } = await admin.call<{ modelId: string }>('POST', '/v1/models', { json: body });
  if (!options.wait) {
    context.show({ modelId }, () => `model ${modelId} training`);
    return true;
  }
  const progress = context.progress();
  progress.start(0, 0);
  let model: ModelAnswer;
  try {
    model = await pollUntil(() => admin.call<ModelAnswer>('GET', `/v1/models/${segment(modelId)}`), (current) => current.status !== 'running', {
      timeoutMs: options.timeoutMs,
      onValue: (current) => progress.update(current.processed, Math.max(current.total, current.processed), current.status),
    });
  } finally {
    progress.stop();
  }
  context.show(model, () => formatModel(model));
  return model.status === 'done';
}

export async function showModel(context: CliContext, modelId: string): Promise<void> {
  const model = await context.admin().call<ModelAnswer>('GET', `/v1/models/${segment(modelId)}`);
  context.show(model, () => formatModel(model));
}

export async function listModels(context: CliContext, options: { cursor?: string; limit?: string }): Promise<void> {
  const page = await context.admin().call<{ items: ModelAnswer[]; nextCursor: string | null }>('GET', '/v1/models', { query: options });
  context.show(page, () => [formatModelList(page.items), ...(page.nextCursor ? [`next page: --cursor ${page.nextCursor}`] : [])].join('\n'));
}

export async function activateModel(context: CliContext, modelId: string): Promise<void> {
  const model = await context.admin().call<ModelAnswer>('POST', `/v1/models/${segment(modelId)}/activate`);
  context.show(model, () => `model ${model.modelId} is active: lead views show its winProbability`);
}
