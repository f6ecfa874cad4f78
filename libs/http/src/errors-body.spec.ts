import { BadRequestException, HttpException, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import { toErrorResponse } from './errors-body';
import { Conflict, Forbidden, NotFound, PayloadTooLarge, RateLimited, Unauthorized, Unavailable, UnsupportedMediaType, ValidationFailed } from './request-errors';

// The shape of the errors Fastify raises before a handler runs (after Nest's mapping when it does one).
const fastifyError = (statusCode: number, message: string) => Object.assign(new Error(message), { name: 'FastifyError', statusCode });

describe('toErrorResponse', () => {
  it.each([
    ['ValidationFailed', new ValidationFailed([{ path: 'events.3.leadId', message: 'leadId is required' }]), 400, [{ path: 'events.3.leadId', message: 'leadId is required' }]],
    ['Unauthorized', new Unauthorized('authorization', 'the write key is not valid'), 401, [{ path: 'authorization', message: 'the write key is not valid' }]],
    ['Forbidden', new Forbidden('origin', 'not an allowed origin'), 403, [{ path: 'origin', message: 'not an allowed origin' }]],
    ['NotFound', new NotFound('leadId', 'no lead "x"'), 404, [{ path: 'leadId', message: 'no lead "x"' }]],
    ['Conflict', new Conflict('name', 'taken'), 409, [{ path: 'name', message: 'taken' }]],
    ['PayloadTooLarge', new PayloadTooLarge('events', 'at most 500'), 413, [{ path: 'events', message: 'at most 500' }]],
    ['UnsupportedMediaType', new UnsupportedMediaType('send JSON'), 415, [{ path: 'content-type', message: 'send JSON' }]],
    ['Unavailable', new Unavailable('the event log is unavailable'), 503, [{ path: '', message: 'the event log is unavailable' }]],
  ])('answers %s with %i and its field errors', (_name, error, status, errors) => {
    expect(toErrorResponse(error)).toEqual({ status, body: { errors }, headers: {}, unexpected: false });
  });

  it('answers RateLimited with 429 and Retry-After in whole seconds', () => {
    expect(toErrorResponse(new RateLimited(1.2))).toMatchObject({ status: 429, headers: { 'retry-after': '2' } });
  });

  it('answers Unavailable with Retry-After when it says when to retry', () => {
    expect(toErrorResponse(new Unavailable('down', 5))).toMatchObject({ status: 503, headers: { 'retry-after': '5' } });
  });

  it.each([
    ['a body over the limit', fastifyError(413, 'Request body is too large'), 413, { path: 'body', message: 'the request body is too large (at most 1048576 bytes)' }],
    ['an unknown content type', fastifyError(415, 'Unsupported Media Type'), 415, { path: 'content-type', message: 'unsupported Content-Type; send the body as application/json' }],
    ['malformed JSON', fastifyError(400, "Body is not valid JSON but content-type is set to 'application/json'"), 400, { path: 'body', message: 'the body is not valid JSON' }],
    ['an empty JSON body', fastifyError(400, "Body cannot be empty when content-type is set to 'application/json'"), 400, { path: 'body', message: 'the body is empty; send a JSON document' }],
    ['Nest mapping of a Fastify error', new HttpException('Request body is too large', 413), 413, { path: 'body', message: 'the request body is too large (at most 1048576 bytes)' }],
    ['an unknown route', new NotFoundException('Cannot POST /nowhere'), 404, { path: '', message: 'Cannot POST /nowhere' }],
    ['a BadRequestException', new BadRequestException('bad'), 400, { path: 'body', message: 'bad' }],
  ])('maps %s to %i with the same body shape', (_name, error, status, fieldError) => {
    expect(toErrorResponse(error, { bodyLimitBytes: 1048576 })).toEqual({ status, body: { errors: [fieldError] }, headers: {}, unexpected: false });
  });

  it.each([
    ['an unknown error', new TypeError('x is undefined at /srv/app.js:12')],
    ['a thrown string', 'boom'],
    ['a 5xx HttpException', new InternalServerErrorException('db password wrong')],
    ['an error with a 5xx statusCode', fastifyError(500, 'internal detail')],
  ])('answers %s with a bare 500 and flags it to be logged', (_name, error) => {
    expect(toErrorResponse(error)).toEqual({ status: 500, body: { errors: [{ path: '', message: 'internal error' }] }, headers: {}, unexpected: true });
  });
});
