import { SetMetadata } from '@nestjs/common';
import { type OpsScope } from '@leadscore/contracts';

export const REQUIRED_SCOPE = 'leadscore:required-scope';

/** The one scope a route needs. A route without it is refused by the guard and stops start-up (scope-coverage.check.ts). */
export const RequireScope = (scope: OpsScope): MethodDecorator => SetMetadata(REQUIRED_SCOPE, scope);
