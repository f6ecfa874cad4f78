import { type OpenAPIObject } from '@nestjs/swagger';

/** What an app says about itself in its OpenAPI document; the paths come from its controllers. */
export interface OpenApiOptions {
  title: string;
  description: string;
  /** Schemas to include though no route names them directly (e.g. the webhook body). */
  extraModels?: Array<new (...args: never[]) => unknown>;
  /** OpenAPI 3.1 `webhooks`: calls this app makes to others (the handoff webhook). */
  webhooks?: OpenAPIObject['webhooks'];
  /** Security schemes by name (`bearer`, `basic`, …). */
  securitySchemes?: NonNullable<OpenAPIObject['components']>['securitySchemes'];
}

/** The routes the document machinery itself serves: not part of any app's API. */
export const OPEN_API_ROUTES = ['/openapi.json', '/docs', '/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/docs-init.js'] as const;
