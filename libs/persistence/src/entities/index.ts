import { ApiTokenEntity } from './api-token.entity';
import { ErasureEntity } from './erasure.entity';
import { HandoffEntity } from './handoff.entity';
import { IdentityForwardingEntity } from './identity-forwarding.entity';
import { InsightCostEntity } from './insight-cost.entity';
import { InsightCurrencyEntity } from './insight-currency.entity';
import { LeadEventEntity } from './lead-event.entity';
import { LeadProjectionEntity } from './lead-projection.entity';
import { LeadWinProbabilityEntity } from './lead-win-probability.entity';
import { ModelEntity } from './model.entity';
import { OpsAuditEntity } from './ops-audit.entity';
import { ParkedPromotionEntity } from './parked-promotion.entity';
import { ProjectionGenerationEntity } from './projection-generation.entity';
import { ReplayEntity } from './replay.entity';
import { RoutingTeamEntity } from './routing-team.entity';
import { RoutingVersionEntity } from './routing-version.entity';
import { RuleSetEntity } from './rule-set.entity';
import { ScoreAuditEntity } from './score-audit.entity';
import { SimulationLeadEntity } from './simulation-lead.entity';
import { SimulationEntity } from './simulation.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WriteKeyEntity } from './write-key.entity';

export {
  ApiTokenEntity, ErasureEntity, HandoffEntity, IdentityForwardingEntity, InsightCostEntity, InsightCurrencyEntity, LeadEventEntity,
  LeadProjectionEntity, LeadWinProbabilityEntity, ModelEntity, OpsAuditEntity, ParkedPromotionEntity, ProjectionGenerationEntity, ReplayEntity, RoutingTeamEntity,
  RoutingVersionEntity, RuleSetEntity, ScoreAuditEntity, SimulationEntity, SimulationLeadEntity, WebhookDeliveryEntity, WriteKeyEntity,
};

/**
 * One entity per table of the migrations, describing it exactly (the schema drift test compares them):
 * what TypeORM cannot say is marked `synchronize: false` on the entity and left to the migration.
 */
export const ENTITIES = [
  ApiTokenEntity, ErasureEntity, HandoffEntity, IdentityForwardingEntity, InsightCostEntity, InsightCurrencyEntity, LeadEventEntity,
  LeadProjectionEntity, LeadWinProbabilityEntity, ModelEntity, OpsAuditEntity, ParkedPromotionEntity, ProjectionGenerationEntity, ReplayEntity, RoutingTeamEntity,
  RoutingVersionEntity, RuleSetEntity, ScoreAuditEntity, SimulationEntity, SimulationLeadEntity, WebhookDeliveryEntity, WriteKeyEntity,
];
