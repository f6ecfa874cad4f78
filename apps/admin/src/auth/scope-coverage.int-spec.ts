import { Controller, Get } from '@nestjs/common';
import { startAdminApp } from '../rules/testing/start-admin-app';
import { RequireScope } from './require-scope.decorator';

jest.setTimeout(60_000);

@Controller('v1/forgotten')
class ForgottenController {
  @Get()
  @RequireScope('leads:read')
  list(): string[] {
    return [];
  }

  @Get('open')
  open(): string {
    return 'anyone';
  }
}

describe('an ops route without a declared scope (real app)', () => {
  it('stops the admin app from starting, naming the route', async () => {
    await expect(startAdminApp({ database: 'leadscore_int_admin_scope_coverage', extraControllers: [ForgottenController] })).rejects.toThrow(
      'ops routes without a scope (@RequireScope): ForgottenController.open',
    );
  });
});
