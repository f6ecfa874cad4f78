import { Global, Module } from '@nestjs/common';
import { loadConfig, type LeadscoreConfig } from './leadscore-config';

export const CONFIG = Symbol('LeadscoreConfig');

/** Provides the validated configuration under the CONFIG token. main.ts loads it before Nest starts. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: LeadscoreConfig = loadConfig()) {
    return { module: ConfigModule, providers: [{ provide: CONFIG, useValue: config }], exports: [CONFIG] };
  }
}
