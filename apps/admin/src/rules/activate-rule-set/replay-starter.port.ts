import { type OpsActor } from '../../auth/ops-actor';

/**
 * What activation needs from replay (apps/admin/src/replay) to honour `"rescore": true`: start a
 * replay of the whole store under a version.  RulesModule binds it to ReplayService.
 */
export interface ReplayStarter {
  start(actor: OpsActor, rulesVersion: number): Promise<{ replayId: string }>;
}

export const REPLAY_STARTER = 'REPLAY_STARTER';
