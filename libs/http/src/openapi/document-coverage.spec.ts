import { type OpenAPIObject } from '@nestjs/swagger';
import { documentCoverage, openApiPath } from './document-coverage';

const documented = (summary = 'Show a lead', description = 'The lead'): OpenAPIObject => ({
  openapi: '3.1.0',
  info: { title: 't', version: 'v1' },
  paths: { '/v1/leads/{leadId}': { get: { summary, responses: { '200': { description } } } } },
});

describe('documentCoverage', () => {
  it('given every served route documented, then there is nothing to report (HEAD, OPTIONS and the docs routes aside)', () => {
    const routes = [{ method: 'GET', url: '/v1/leads/:leadId' }, { method: 'HEAD', url: '/v1/leads/:leadId' }, { method: 'OPTIONS', url: '*' }, { method: 'GET', url: '/openapi.json' }];
    expect(documentCoverage(routes, documented())).toEqual([]);
  });

  it('given a route added without documentation, then it is reported', () => {
    const routes = [{ method: 'GET', url: '/v1/leads/:leadId' }, { method: 'POST', url: '/v1/leads' }];
    expect(documentCoverage(routes, documented())).toEqual(['POST /v1/leads is served but not in the document']);
  });

  it('given a route the scanner lists with no summary or described response, then it is reported', () => {
    expect(documentCoverage([{ method: 'GET', url: '/v1/leads/:leadId' }], documented('', ''))).toEqual(['GET /v1/leads/{leadId} has no summary', 'GET /v1/leads/{leadId} has no described response']);
  });

  it('given a documented operation no route serves, then it is reported', () => {
    expect(documentCoverage([], documented())).toEqual(['GET /v1/leads/{leadId} is documented but not served']);
  });

  it('writes Fastify parameters the OpenAPI way', () => {
    expect(openApiPath('/v1/rules/:version/simulate')).toBe('/v1/rules/{version}/simulate');
  });
});
