import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** The source (write key) a request was authenticated as. */
export interface AuthenticatedSource {
  keyId: string;
  name: string;
  /** Web origins a browser may call from (empty: any), as stored on the write key. */
  allowedOrigins: readonly string[];
}

const SOURCE = Symbol('AuthenticatedSource');

type WithSource = { [SOURCE]?: AuthenticatedSource };

export function attachSource(request: object, source: AuthenticatedSource): void {
  (request as WithSource)[SOURCE] = source;
}

/** The source WriteKeyGuard attached; a route without the guard gets an error, not an anonymous source. */
export function sourceOf(request: object): AuthenticatedSource {
  const source = (request as WithSource)[SOURCE];
  if (source === undefined) throw new Error('no authenticated source: is the route behind WriteKeyGuard?');
  return source;
}

/** `@Source() source: AuthenticatedSource` in a controller behind WriteKeyGuard. */
export const Source = createParamDecorator((_data: unknown, context: ExecutionContext) => sourceOf(context.switchToHttp().getRequest<object>()));
