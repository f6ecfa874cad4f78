import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { type OpsScope } from '@leadscore/contracts';
import { Forbidden, Unauthorized } from '@leadscore/http';
import { HealthController } from '@leadscore/observability';
import { DashboardController } from '../dashboard/dashboard.controller';
import { ApiTokenAuthenticator } from './api-token.authenticator';
import { setActor } from './ops-actor';
import { REQUIRED_SCOPE } from './require-scope.decorator';

/** Controllers that answer without a token: health and metrics, and the dashboard's static files (no data in them). */
export const PUBLIC_CONTROLLERS: ReadonlySet<unknown> = new Set([HealthController, DashboardController]);

/**
 * The one guard of the ops API (global): a bearer token, then the route's declared scope. A route
 * that declares none is refused (fail closed), as is any token without the scope: 403 naming it.
 */
@Injectable()
export class ScopeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly authenticator: ApiTokenAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (PUBLIC_CONTROLLERS.has(context.getClass())) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new Unauthorized('authorization', 'expected "Bearer <ops API token>"');
    const identity = await this.authenticator.authenticate(match[1].trim());
    if (!identity) throw new Unauthorized('authorization', 'the token is not valid (unknown, revoked or expired)');
    const scope = this.reflector.get<OpsScope | undefined>(REQUIRED_SCOPE, context.getHandler());
    if (!scope) throw new Forbidden('scope', 'this route declares no scope, so no token opens it');
    if (!identity.scopes.has(scope)) throw new Forbidden('scope', `missing scope "${scope}"`);
    // The request's id (libs/http: answered in X-Request-Id, on its log lines) is the audit trail's too.
    setActor(request, { ...identity, requestId: request.id });
    return true;
  }
}
