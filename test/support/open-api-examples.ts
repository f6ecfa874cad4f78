import { type OpenAPIObject } from '@nestjs/swagger';

/** One request made of the examples an OpenAPI document gives for an operation. */
export interface ExampleRequest {
  name: string;
  method: string;
  /** The path with its parameters' examples filled in, plus the query parameters' examples. */
  url: string;
  contentType?: string;
  body?: string;
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Parameter = { name: string; in: string; example?: unknown; schema?: { example?: unknown } };

/** A parameter's example: on the parameter, or (as @nestjs/swagger writes it) on its schema. */
function exampleOf(parameter: Parameter): unknown {
  return parameter.example ?? parameter.schema?.example;
}

/**
 * Every request body example of the document (each example of each media type), and a request for
 * each operation without a body (a write, or a read whose query has examples). Path parameters take their
 * `example`; an operation whose required path parameter has none is left out (nothing to send).
 */
export function exampleRequests(document: OpenAPIObject): ExampleRequest[] {
  const requests: ExampleRequest[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation: Operation | undefined = item[method];
      if (!operation) continue;
      const url = fillParameters(path, (operation.parameters ?? []) as Parameter[]);
      if (url === null) continue;
      const content = (operation.requestBody as { content?: Record<string, { examples?: Record<string, { value: unknown }>; example?: unknown }> } | undefined)?.content;
      for (const [contentType, media] of Object.entries(content ?? {})) {
        const examples = media.examples ?? (media.example === undefined ? {} : { example: { value: media.example } });
        for (const [name, example] of Object.entries(examples)) {
          const body = typeof example.value === 'string' ? example.value : JSON.stringify(example.value);
          requests.push({ name: `${method.toUpperCase()} ${path} ${contentType} ${name}`, method: method.toUpperCase(), url, contentType, body });
        }
      }
      const hasQueryExamples = ((operation.parameters ?? []) as Parameter[]).some((parameter) => parameter.in === 'query' && exampleOf(parameter) !== undefined);
      // A call without a body is sent when it is not a read, or when its query has examples (the pixel).
      if (!content && (method !== 'get' || hasQueryExamples)) requests.push({ name: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), url });
    }
  }
  return requests;
}

function fillParameters(path: string, parameters: Parameter[]): string | null {
  let url = path;
  for (const parameter of parameters.filter((item) => item.in === 'path')) {
    const example = exampleOf(parameter);
    if (example === undefined) return null;
    url = url.replace(`{${parameter.name}}`, encodeURIComponent(typeof example === 'string' ? example : JSON.stringify(example)));
  }
  const query = new URLSearchParams();
  for (const parameter of parameters.filter((item) => item.in === 'query' && exampleOf(item) !== undefined)) query.set(parameter.name, String(exampleOf(parameter)));
  const text = query.toString();
  return text ? `${url}?${text}` : url;
}
