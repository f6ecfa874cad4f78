import { Module } from '@nestjs/common';
import { ActivateRuleSetHandler } from './activate-rule-set/activate-rule-set.handler';
import { RuleActivationPublisher } from './activate-rule-set/rule-activation.publisher';
import { CreateRuleSetHandler } from './create-rule-set/create-rule-set.handler';
import { GetRuleSetQuery } from './get-rule-set/get-rule-set.query';
import { ListRuleSetsQuery } from './list-rule-sets/list-rule-sets.query';
import { ReplayModule } from '../replay/replay.module';
import { ReplayService } from '../replay/replay.service';
import { REPLAY_STARTER } from './activate-rule-set/replay-starter.port';
import { RulesController } from './rules.controller';
import { ValidateRuleSetHandler } from './validate-rule-set/validate-rule-set.handler';

/** Rule sets as immutable versions: post, validate, list, show, activate. */
@Module({
  imports: [ReplayModule],
  controllers: [RulesController],
  providers: [
    CreateRuleSetHandler, ValidateRuleSetHandler, ListRuleSetsQuery, GetRuleSetQuery, ActivateRuleSetHandler, RuleActivationPublisher,
    // `activate {"rescore": true}` starts a replay through this port.
    { provide: REPLAY_STARTER, useExisting: ReplayService },
  ],
})
export class RulesModule {}
