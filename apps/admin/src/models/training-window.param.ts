import { Allow, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ValidationFailed, validateDto } from '@leadscore/http';
import { parseInsightWindow } from '../insights/insight-window.param';

/** `POST /v1/models` body: leads whose outcome falls in [from, to) are learned from. */
export class TrainModelCommand {
  /** ISO-8601 instants, checked by parseInsightWindow (same rules as the insights windows). */
  @Allow() from!: unknown;
  @Allow() to!: unknown;

  /** Which fifth of the leads is held out (default 1): the same seed and store give the same model. */
  @IsOptional()
  @IsInt({ message: 'seed must be an integer from 0 to 2147483647' })
  @Min(0, { message: 'seed must be an integer from 0 to 2147483647' })
  @Max(2_147_483_647, { message: 'seed must be an integer from 0 to 2147483647' })
  seed?: number;
}

export interface TrainingWindow {
  from: number;
  to: number;
  seed: number;
}

export const DEFAULT_SEED = 1;

/** The body → the window and seed, or every problem as a 400 by field. */
export function parseTrainingWindow(body: unknown): TrainingWindow {
  const validated = validateDto(TrainModelCommand, body);
  if (!validated.ok) throw new ValidationFailed(validated.errors);
  const { from, to } = parseInsightWindow({ from: validated.value.from, to: validated.value.to });
  return { from, to, seed: validated.value.seed ?? DEFAULT_SEED };
}
