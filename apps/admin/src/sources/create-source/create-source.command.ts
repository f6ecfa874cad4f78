import { Allow, Length } from 'class-validator';
import { IsStorable } from '@leadscore/contracts';

/** `POST /v1/sources` body: the name ops give the source (website, newsletter tool, …). */
export class CreateSourceCommand {
  @Length(1, 128, { message: 'name must be a string of 1 to 128 characters' })
  @IsStorable()
  name!: string;

  /** Web origins a browser may use the key from (empty or absent: any); checked by parseAllowedOrigins. */
  @Allow()
  allowedOrigins?: unknown;
}
