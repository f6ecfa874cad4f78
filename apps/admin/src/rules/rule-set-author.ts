import { type FastifyRequest } from 'fastify';
import { ValidationFailed } from '@leadscore/http';

const MAX_AUTHOR_LENGTH = 128;

/** Who posts a rule set: the `X-Leadscore-Author` header, else the `author` query, else null. */
export function readAuthor(request: FastifyRequest): string | null {
  const header = request.headers['x-leadscore-author'];
  const query = (request.query as Record<string, unknown> | undefined)?.author;
  const [value, path] = header !== undefined ? [header, 'x-leadscore-author'] : [query, 'author'];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || value.length > MAX_AUTHOR_LENGTH) {
    throw new ValidationFailed([{ path, message: `author must be one string of at most ${MAX_AUTHOR_LENGTH} characters` }]);
  }
  return value;
}
