import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../api/api-client';
import { type CliContext } from '../cli-context';
import { type Column, renderTable } from '../output/table.format';

interface Team {
  id: string;
  secret?: string;
  [field: string]: unknown;
}

const TEAM_COLUMNS: ReadonlyArray<Column<Team>> = [
  { header: 'TEAM', value: (team) => team.id },
  { header: 'MATCH', value: (team) => matchText(team.match) },
  { header: 'MEMBERS', value: (team) => (Array.isArray(team.members) ? team.members.map((member: unknown) => (typeof member === 'object' && member !== null ? (member as { id?: unknown }).id : member)).join(', ') : '') },
  { header: 'WEBHOOK', value: (team) => (typeof team.webhook === 'object' && team.webhook !== null ? (team.webhook as { url?: unknown }).url : team.webhook) },
];

/** `traits.companySize gte 1000, …`, or `any` for a team without conditions. */
function matchText(match: unknown): string {
  if (!Array.isArray(match) || match.length === 0) return 'any';
  return match.map((condition: { field?: unknown; op?: unknown; value?: unknown }) => `${String(condition.field)} ${String(condition.op)} ${JSON.stringify(condition.value) ?? ''}`.trim()).join(', ');
}

export async function getRouting(context: CliContext): Promise<void> {
  const routing = await context.admin().call<{ version: number | null; teams: Team[] }>('GET', '/v1/routing');
  context.show(routing, () => `version ${routing.version ?? '(none)'}\n${renderTable(TEAM_COLUMNS, routing.teams)}`);
}

/** `routing set FILE` (JSON or YAML): the new version; a new team's secret is shown this once. */
export async function setRouting(context: CliContext, file: string): Promise<void> {
  const text = context.readFile(file);
  let body: unknown;
  try {
    body = ['.yaml', '.yml'].includes(extname(file).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid ${extname(file).slice(1) || 'JSON'}: ${(error as Error).message}`);
  }
  const answer = await context.admin().call<{ version: number; teams: Team[] }>('PUT', '/v1/routing', { json: body });
  const secrets = answer.teams.filter((team) => team.secret);
  context.show(answer, () =>
    [`routing version ${answer.version}`, ...secrets.map((team) => `new secret for ${team.id}: ${team.secret} (shown this once)`)].join('\n'),
  );
}
