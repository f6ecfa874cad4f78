import { Module } from '@nestjs/common';
import { GetLeadQuery } from './get-lead/get-lead.query';
import { LeadsController } from './leads.controller';

@Module({ controllers: [LeadsController], providers: [GetLeadQuery] })
export class LeadsModule {}
