import { segment } from '../api/api-client';
import { type CliContext } from '../cli-context';
import { renderFields } from '../output/table.format';

interface CreatedSource {
  id: string;
  name: string;
  writeKey: string;
  allowedOrigins: string[];
}

/** `sources create NAME`: a new source and its write key, shown this once. */
export async function createSource(context: CliContext, name: string, options: { allowedOrigin: string[] }): Promise<void> {
  const body = options.allowedOrigin.length ? { name, allowedOrigins: options.allowedOrigin } : { name };
  const source = await context.admin().call<CreatedSource>('POST', '/v1/sources', { json: body });
  context.show(source, () =>
    [
      renderFields([
        ['id', source.id],
        ['name', source.name],
        ['write key', source.writeKey],
        ['allowed origins', source.allowedOrigins.join(', ') || '(any)'],
      ]),
      '',
      'The write key is shown this once: keep it now.',
    ].join('\n'),
  );
}

export async function revokeSource(context: CliContext, id: string): Promise<void> {
  await context.admin().call('DELETE', `/v1/sources/${segment(id)}`);
  context.show({ id, revoked: true }, () => `source ${id} revoked`);
}
