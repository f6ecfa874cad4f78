import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { type OpsScope } from '@leadscore/contracts';

/** Who makes an ops request: the token's id and name (the author of whatever it changes), its scopes, and the request's id. */
export interface OpsActor {
  tokenId: string;
  tokenName: string;
  scopes: ReadonlySet<OpsScope>;
  requestId: string;
}

const actors = new WeakMap<object, OpsActor>();

export function setActor(request: FastifyRequest, actor: OpsActor): void {
  actors.set(request, actor);
}

/** The authenticated actor; the scope guard runs first on every ops route, so there always is one. */
export function actorOf(request: FastifyRequest): OpsActor {
  const actor = actors.get(request);
  if (!actor) throw new Error('no authenticated actor on this request (the scope guard did not run)');
  return actor;
}

/** `@Actor() actor: OpsActor` in a controller method. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): OpsActor => actorOf(context.switchToHttp().getRequest<FastifyRequest>()));
