import { type OpenAPIObject } from '@nestjs/swagger';
import { OPEN_API_ROUTES } from './open-api.options';
import { type RegisteredRoute } from './route-registry';

// Fastify adds HEAD for every GET; OPTIONS is the CORS preflight. Neither is an API of its own.
const IMPLIED_METHODS = new Set(['HEAD', 'OPTIONS']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** `/v1/leads/:leadId` → `/v1/leads/{leadId}`. */
export function openApiPath(fastifyUrl: string): string {
  return fastifyUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * What differs between the routes an app serves and its document: a route missing from the
 * document or documented without a summary and a described response, and a documented operation
 * no route serves. Empty when they agree.
 */
export function documentCoverage(routes: readonly RegisteredRoute[], document: OpenAPIObject): string[] {
  const problems: string[] = [];
  const served = new Set<string>();
  for (const route of routes) {
    if (IMPLIED_METHODS.has(route.method) || (OPEN_API_ROUTES as readonly string[]).includes(route.url)) continue;
    const path = openApiPath(route.url);
    const key = `${route.method} ${path}`;
    served.add(key);
    const operation = document.paths[path]?.[route.method.toLowerCase() as (typeof METHODS)[number]];
    if (!operation) {
      problems.push(`${key} is served but not in the document`);
      continue;
    }
    if (!operation.summary) problems.push(`${key} has no summary`);
    const described = Object.values(operation.responses ?? {}).some((response) => response !== undefined && 'description' in response && response.description !== '');
    if (!described) problems.push(`${key} has no described response`);
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      if (item[method] && !served.has(`${method.toUpperCase()} ${path}`)) problems.push(`${method.toUpperCase()} ${path} is documented but not served`);
    }
  }
  return problems;
}
