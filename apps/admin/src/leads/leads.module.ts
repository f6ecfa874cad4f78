import { Module } from '@nestjs/common';
import { CompiledRuleSets } from './get-lead-as-of/compiled-rule-sets';
import { GetLeadQuery } from './get-lead/get-lead.query';
import { GetLeadAsOfQuery } from './get-lead-as-of/get-lead-as-of.query';
import { LeadsController } from './leads.controller';

@Module({ controllers: [LeadsController], providers: [GetLeadQuery, GetLeadAsOfQuery, CompiledRuleSets] })
export class LeadsModule {}
