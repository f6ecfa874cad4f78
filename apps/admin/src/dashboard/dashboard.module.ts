import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';

/** The dashboard's static files at `/` and `/assets/*` (public: see PUBLIC_CONTROLLERS). */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
