import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';

/** Swagger UI's files, from node_modules (swagger-ui-dist, which @nestjs/swagger depends on): no CDN. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
};

// Scripts only from files of this origin (no inline script), so the page cannot run anything else.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const INIT_JS = "window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n";

/**
 * `GET /openapi.json` (the document) and `GET /docs` (Swagger UI rendering it). The assets are read
 * on first use and kept; relative URLs, so it works behind a path prefix too.
 */
export function serveOpenApi(app: NestFastifyApplication, document: () => OpenAPIObject): void {
  const fastify = app.getHttpAdapter().getInstance();
  const assetsDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  const cache = new Map<string, Buffer>();
  let json: string | undefined;
  const title = () => document().info.title;
  fastify.get('/openapi.json', (_request, reply) => {
    json ??= JSON.stringify(document());
    void reply.header('cache-control', 'no-cache').type('application/json; charset=utf-8').send(json);
  });
  fastify.get('/docs', (_request, reply) => {
    void secure(reply)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title())}</title>` +
          '<link rel="stylesheet" href="docs/swagger-ui.css"></head><body><div id="swagger-ui"></div>' +
          '<script src="docs/swagger-ui-bundle.js"></script><script src="docs/docs-init.js"></script></body></html>',
      );
  });
  fastify.get('/docs/docs-init.js', (_request, reply) => {
    void secure(reply).type('application/javascript; charset=utf-8').send(INIT_JS);
  });
  for (const [file, type] of Object.entries(ASSETS)) {
    fastify.get(`/docs/${file}`, (_request, reply) => {
      let body = cache.get(file);
      if (!body) {
        body = readFileSync(join(assetsDir, file));
        cache.set(file, body);
      }
      void secure(reply).header('cache-control', 'public, max-age=3600').type(type).send(body);
    });
  }
}

function secure(reply: FastifyReply): FastifyReply {
  return reply.header('content-security-policy', CSP).header('x-content-type-options', 'nosniff');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
