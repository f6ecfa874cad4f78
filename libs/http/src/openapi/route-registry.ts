import { type FastifyInstance } from 'fastify';

/** A route as Fastify registered it: `GET /v1/leads/:leadId`. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

const registries = new WeakMap<object, RegisteredRoute[]>();

/** Records every route registered on this Fastify instance from now on (call before Nest adds its routes). */
export function recordRoutes(fastify: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  registries.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: method.toUpperCase(), url: route.url ?? route.path });
  });
}

/** The routes the running app serves, as recorded by `recordRoutes` (empty when it was not called). */
export function registeredRoutes(fastify: FastifyInstance): RegisteredRoute[] {
  return [...(registries.get(fastify) ?? [])];
}
