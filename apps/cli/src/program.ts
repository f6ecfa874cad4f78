import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type CliConfig } from '@leadscore/config/cli';
import { Refused, UsageError } from './api/api-client';
import { CliContext, type OutputFormat, type Progress } from './cli-context';
import { insights } from './insights/insights.command';
import { leadTimeline, listLeads, showLead } from './leads/leads.commands';
import { activateModel, listModels, showModel, trainModel } from './models/models.commands';
import { formatErrors } from './output/errors.format';
import { eraseLead, exportLead } from './privacy/privacy.commands';
import { replay } from './replay/replay.command';
import { getRouting, setRouting } from './routing/routing.commands';
import { activateRules, diffRules, pushRules, simulateRules, validateRules } from './rules/rules.commands';
import { send } from './send/send.command';
import { createSource, revokeSource } from './sources/sources.commands';
import { createToken, listTokens, revokeToken, showAudit } from './tokens/tokens.commands';

export const EXIT_OK = 0;
/** The server refused (its errors are printed per field), or the call failed. */
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export interface ProgramIo {
  /** Read lazily: `--help` works without any environment. */
  config: () => CliConfig;
  out: (text: string) => void;
  err: (text: string) => void;
  progress: () => Progress;
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a positive integer');
  return Number(value);
}

const collect = (value: string, previous: string[]) => [...previous, value];
const minutes = (value: string) => positiveInt(value) * 60_000;

/** Builds `leadscore` and runs it; resolves with the exit code (0 ok, 1 refused, 2 usage). */
export async function runProgram(argv: readonly string[], io: ProgramIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('leadscore')
    .description('Leadscore ops from the command line: rules, replays, leads, sources, routing, sending events')
    .addOption(new Option('-o, --output <format>', 'table or json').choices(['table', 'json']).default('table'))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) });

  const action =
    <A extends unknown[]>(handler: (context: CliContext, ...args: A) => Promise<boolean | void>) =>
    async (...args: A) => {
      const output = program.opts<{ output: OutputFormat }>().output;
      const context = new CliContext(io.config(), output, io);
      const ok = await handler(context, ...args);
      if (ok === false) exitCode = EXIT_REFUSED;
    };

  const rules = program.command('rules').description('rule sets: validate, push, activate, simulate, diff');
  rules.command('validate').argument('<file>', 'a rule set, .yaml/.yml or .json').description('check a rule set without storing it').action(action((c, file: string) => validateRules(c, file)));
  rules.command('push').argument('<file>').description('store a rule set as a new version').action(action((c, file: string) => pushRules(c, file)));
  rules
    .command('activate')
    .argument('<version>', 'rule set version', positiveInt)
    .option('--rescore', 'also replay the history under it', false)
    .description('make a version the active one')
    .action(action((c, version: number, options: { rescore: boolean }) => activateRules(c, version, options)));
  // Both run a simulation of the version and wait for it; they differ in what they show of it.
  const simulation = (name: string, description: string, show: typeof simulateRules) =>
    rules
      .command(name)
      .argument('<version>', 'rule set version', positiveInt)
      .option('--timeout <minutes>', 'how long to wait', minutes, 30 * 60_000)
      .description(description)
      .action(action((c, version: number, options: { timeout: number }) => show(c, version, { timeoutMs: options.timeout })));
  simulation('simulate', 'what a version would change: leads changed, MQL/SQL crossings, points per rule', simulateRules);
  simulation('diff', 'per-stage counts before/after and the top movers of a simulation, as tables', diffRules);

  program
    .command('replay')
    .argument('<version>', 'rule set version to rebuild the projections under', positiveInt)
    .option('--no-wait', 'start it and return')
    .option('--timeout <minutes>', 'how long to wait', minutes, 6 * 60 * 60_000)
    .description('replay the whole history under a version (progress bar with rate and ETA)')
    .action(action((c, version: number, options: { wait: boolean; timeout: number }) => replay(c, version, { wait: options.wait, timeoutMs: options.timeout })));

  const leads = program.command('leads').description('leads: list, show, timeline, export, erase');
  leads
    .command('list')
    .option('--stage <stage>')
    .option('--min-score <score>')
    .option('--team <team>')
    .option('--source <source>')
    .option('--sort <order>', 'score (the default) or winProbability (the active model\'s, highest first)')
    .option('--cursor <cursor>')
    .option('--limit <n>')
    .description('the leads by score or win probability, filtered')
    .action(action((c, options: Record<string, string | undefined>) => listLeads(c, options)));
  leads.command('show').argument('<leadId>').option('--as-of <time>', 'the lead as it stood at that instant (ISO-8601)').description("a lead's score, stage and owner").action(action((c, leadId: string, options: { asOf?: string }) => showLead(c, leadId, options)));
  leads
    .command('timeline')
    .argument('<leadId>')
    .option('--cursor <cursor>')
    .option('--limit <n>')
    .description('one row per event: its points and the rules that gave them')
    .action(action((c, leadId: string, options: { cursor?: string; limit?: string }) => leadTimeline(c, leadId, options)));
  leads.command('export').argument('<leadId>').description('every stored fact about the lead, as one JSON document').action(action((c, leadId: string) => exportLead(c, leadId)));
  leads
    .command('erase')
    .argument('<leadId>')
    .option('--wait', 'follow the erasure until it is done', false)
    .option('--timeout <minutes>', 'how long to wait', minutes, 60 * 60_000)
    .description('erase the lead and every id merged into it, everywhere (GDPR art. 17)')
    .action(action((c, leadId: string, options: { wait: boolean; timeout: number }) => eraseLead(c, leadId, { wait: options.wait, timeoutMs: options.timeout })));

  const sources = program.command('sources').description('sources and their write keys');
  sources
    .command('create')
    .argument('<name>')
    .option('--allowed-origin <origin>', 'a web origin the key may be used from (repeatable)', collect, [])
    .description('a new source; its write key is shown once')
    .action(action((c, name: string, options: { allowedOrigin: string[] }) => createSource(c, name, options)));
  sources.command('revoke').argument('<id>').description("revoke a source's write key").action(action((c, id: string) => revokeSource(c, id)));

  const tokens = program.command('tokens').description('scoped ops API tokens');
  tokens
    .command('create')
    .argument('<name>')
    .option('--scope <scope>', 'a scope the token holds (repeatable): leads:read, insights:read, feedback:write, …', collect, [])
    .option('--expires-at <time>', 'ISO-8601; refused from then on')
    .description('a new token; shown once')
    .action(action((c, name: string, options: { scope: string[]; expiresAt?: string }) => createToken(c, name, options)));
  tokens.command('list').description('every token, never the token itself').action(action((c) => listTokens(c)));
  tokens.command('revoke').argument('<id>').description('revoke a token (refused everywhere within 2 s)').action(action((c, id: string) => revokeToken(c, id)));
  program
    .command('audit')
    .option('--token-id <id>')
    .option('--kind <kind>')
    .option('--from <time>')
    .option('--to <time>')
    .option('--cursor <cursor>')
    .option('--limit <n>')
    .description('who changed what, when: the ops audit log')
    .action(action((c, options: { tokenId?: string; kind?: string; from?: string; to?: string; cursor?: string; limit?: string }) => showAudit(c, options)));

  const routing = program.command('routing').description('teams and webhooks');
  routing.command('get').description('the routing in force (no secrets)').action(action((c) => getRouting(c)));
  routing.command('set').argument('<file>', 'routing, .json or .yaml').description('store a new routing version').action(action((c, file: string) => setRouting(c, file)));

  program
    .command('insights')
    .requiredOption('--from <time>', 'cohort start, ISO-8601 (leads first seen from then)')
    .requiredOption('--to <time>', 'cohort end, ISO-8601 (exclusive)')
    .option('--source <source>', 'one source only')
    .description('funnel by stage and conversion, cost and ROI by source (GET /v1/insights)')
    .action(action((c, options: { from: string; to: string; source?: string }) => insights(c, options)));

  const models = program.command('models').description('learned scoring: train a win model, show it, list them, activate one');
  models
    .command('train')
    .requiredOption('--from <time>', 'outcomes from, ISO-8601')
    .requiredOption('--to <time>', 'outcomes until, ISO-8601 (exclusive)')
    .option('--seed <n>', 'which fifth is held out (default 1)', positiveInt)
    .option('--no-wait', 'start it and return')
    .option('--timeout <minutes>', 'how long to wait', minutes, 60 * 60_000)
    .description('train on the won vs lost/disqualified leads of the window; prints AUC of the model vs the rules and the suggested rule version')
    .action(action((c, options: { from: string; to: string; seed?: number; wait: boolean; timeout: number }) => trainModel(c, { ...options, timeoutMs: options.timeout })));
  models.command('show').argument('<modelId>').description('a model: evaluation, calibration, strongest features').action(action((c, modelId: string) => showModel(c, modelId)));
  models.command('list').option('--cursor <cursor>').option('--limit <n>').description('models, newest first').action(action((c, options: { cursor?: string; limit?: string }) => listModels(c, options)));
  models.command('activate').argument('<modelId>').description('make a done model the one lead views take winProbability from').action(action((c, modelId: string) => activateModel(c, modelId)));

  program
    .command('send')
    .argument('<file>', 'JSON lines, one native event per line')
    .description('post events to ingest in batches of 500 (LEADSCORE_INGEST_URL, LEADSCORE_WRITE_KEY); 429/503 retried with the same eventIds')
    .action(action((c, file: string) => send(c, file)));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return failure(error, io);
  }
}

function failure(error: unknown, io: ProgramIo): number {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version' ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof Refused) {
    io.err(`refused (HTTP ${error.status}):\n${formatErrors(error.errors)}`);
    return EXIT_REFUSED;
  }
  if (error instanceof UsageError || (error instanceof Error && error.name === 'ConfigError')) {
    io.err(`leadscore: ${error.message}`);
    return EXIT_USAGE;
  }
  io.err(`leadscore: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT_REFUSED;
}
