import 'reflect-metadata';
import { Controller, Get, Post } from '@nestjs/common';
import { HealthController } from '@leadscore/observability';
import { DashboardController } from '../dashboard/dashboard.controller';
import { RequireScope } from './require-scope.decorator';
import { unscopedRoutes } from './scope-coverage.check';

@Controller('v1/scoped')
class ScopedController {
  @Get()
  @RequireScope('leads:read')
  list(): string[] {
    return [];
  }

  helper(): number {
    return 1;
  }
}

@Controller('v1/forgotten')
class ForgottenController {
  @Get()
  @RequireScope('leads:read')
  list(): string[] {
    return [];
  }

  @Post()
  create(): void {}
}

describe('unscopedRoutes', () => {
  it('finds nothing when every route declares a scope, and ignores methods that are no routes', () => {
    expect(unscopedRoutes([ScopedController])).toEqual([]);
  });

  it('names a route that declares no scope', () => {
    expect(unscopedRoutes([ScopedController, ForgottenController])).toEqual(['ForgottenController.create']);
  });

  it('lets health and metrics answer without a token', () => {
    expect(unscopedRoutes([HealthController])).toEqual([]);
  });

  it('lets the dashboard\'s static files answer without a token, as a public controller named explicitly', () => {
    expect(unscopedRoutes([DashboardController])).toEqual([]);
  });
});
