import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type OpenApiOptions } from './open-api.options';

/**
 * The app's OpenAPI 3.1 document, scanned by @nestjs/swagger from its controllers: every route Nest
 * serves is in it, with the schemas of the DTO classes that validate its requests.
 */
export function buildOpenApi(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  let builder = new DocumentBuilder().setOpenAPIVersion('3.1.0').setTitle(options.title).setDescription(options.description).setVersion('v1');
  for (const [name, scheme] of Object.entries(options.securitySchemes ?? {})) {
    builder = builder.addSecurity(name, scheme as Parameters<DocumentBuilder['addSecurity']>[1]);
  }
  const config = builder.build();
  const document = SwaggerModule.createDocument(app, options.webhooks ? { ...config, webhooks: options.webhooks } : config, {
    extraModels: options.extraModels,
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return document;
}

