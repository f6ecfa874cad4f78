import { Injectable } from '@nestjs/common';
import { insertRuleSet } from '@leadscore/persistence';
import { OpsAuditTrail } from '../../audit/ops-audit.trail';
import { type OpsActor } from '../../auth/ops-actor';
import { type PostedRuleSet, ruleSetRefused } from '../rule-set-body';

/** Stores a posted rule set as a new immutable version (always new, even for identical text); its author is the token's name. */
@Injectable()
export class CreateRuleSetHandler {
  constructor(private readonly audit: OpsAuditTrail) {}

  async execute(actor: OpsActor, posted: PostedRuleSet): Promise<{ version: number }> {
    if (!posted.parsed.ok) throw ruleSetRefused(posted.parsed.errors);
    const definition = posted.parsed.definition;
    return this.audit.change(actor, 'rule_set.created', async (db) => {
      const version = await insertRuleSet(db, { name: definition.name, format: posted.format, sourceText: posted.sourceText, definition, author: actor.tokenName });
      return { result: { version }, details: { version, name: definition.name } };
    });
  }
}
