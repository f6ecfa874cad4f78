import { Module } from '@nestjs/common';
import { SimulationsModule } from '../simulations/simulations.module';
import { ActiveModels } from './active-model';
import { LeadWinProbability } from './lead-win-probability';
import { ModelsController } from './models.controller';
import { ModelsService } from './models.service';
import { WinProbabilityRefresher } from './refresh-win-probabilities/win-probability.refresher';

/** `POST /v1/models`, `GET /v1/models[/:id]`, `POST /v1/models/:id/activate`; the win probability of a lead for the lead views, and the stored ones the lead list sorts by. */
@Module({ imports: [SimulationsModule], controllers: [ModelsController], providers: [ModelsService, ActiveModels, LeadWinProbability, WinProbabilityRefresher], exports: [ActiveModels, LeadWinProbability] })
export class ModelsModule {}
