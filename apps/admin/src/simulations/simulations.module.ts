import { Module } from '@nestjs/common';
import { SimulationsController } from './simulations.controller';
import { SimulationsService } from './simulations.service';

/** `POST /v1/rules/:version/simulate`, `GET /v1/simulations/:id` and its changed leads. */
@Module({ controllers: [SimulationsController], providers: [SimulationsService], exports: [SimulationsService] })
export class SimulationsModule {}
