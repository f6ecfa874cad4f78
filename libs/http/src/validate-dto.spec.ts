import { IsDefined, IsInt, IsOptional, IsString, IsUrl, Min } from 'class-validator';
import { NestedDto, validateDto } from './validate-dto';

class WebhookDto {
  @IsUrl({ require_tld: false }, { message: 'url must be an http(s) URL' }) url!: string;
}

class TeamDto {
  @IsDefined({ message: 'id is required' }) @IsString({ message: 'id must be a string' }) id!: string;
  @IsOptional() @NestedDto(() => WebhookDto) webhook?: WebhookDto;
}

class RoutingDto {
  @NestedDto(() => TeamDto) teams!: TeamDto[];
  @IsOptional() @IsInt({ message: 'limit must be an integer' }) @Min(1, { message: 'limit must be at least 1' }) limit?: number;
}

describe('validateDto', () => {
  it('returns an instance of the DTO with nested instances', () => {
    const result = validateDto(RoutingDto, { teams: [{ id: 'smb', webhook: { url: 'https://crm.example/h' } }] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeInstanceOf(RoutingDto);
    expect(result.value.teams[0]).toBeInstanceOf(TeamDto);
    expect(result.value.teams[0].webhook).toBeInstanceOf(WebhookDto);
  });

  it('lists every problem with dotted paths through arrays and nested objects', () => {
    const result = validateDto(RoutingDto, { teams: [{ id: 'a' }, { webhook: { url: 'not a url', secret: 'x' } }, 7], limit: 0, extra: 1 });
    expect(!result.ok && result.errors).toEqual(
      expect.arrayContaining([
        { path: 'extra', message: 'extra is not a known field' },
        { path: 'teams.1.id', message: 'id is required' },
        { path: 'teams.1.webhook.url', message: 'url must be an http(s) URL' },
        { path: 'teams.1.webhook.secret', message: 'secret is not a known field' },
        { path: 'teams.2', message: 'item 2 must be a JSON object' },
        { path: 'limit', message: 'limit must be at least 1' },
      ]),
    );
    expect(!result.ok && result.errors).toHaveLength(6);
  });

  it('reports a missing value once, not once per rule', () => {
    const result = validateDto(TeamDto, {});
    expect(!result.ok && result.errors).toEqual([{ path: 'id', message: 'id is required' }]);
  });

  it.each([
    ['an array', [1], 'body', 'the body must be a JSON object'],
    ['a string', 'x', 'body', 'the body must be a JSON object'],
    ['null', null, 'body', 'the body must be a JSON object'],
  ])('refuses %s where an object is expected', (_name, input, path, message) => {
    expect(validateDto(TeamDto, input)).toEqual({ ok: false, errors: [{ path, message }] });
  });

  it('puts paths under the given prefix', () => {
    expect(validateDto(TeamDto, 'x', { path: 'teams.4' })).toEqual({ ok: false, errors: [{ path: 'teams.4', message: 'item 4 must be a JSON object' }] });
    expect(validateDto(TeamDto, {}, { path: 'teams.4' })).toEqual({ ok: false, errors: [{ path: 'teams.4.id', message: 'id is required' }] });
  });

  it.each(['constructor', '__proto__', 'prototype'])('refuses a field named %s instead of letting it shadow the prototype', (key) => {
    const input = JSON.parse(`{"id": "a", "${key}": {"x": 1}}`);
    const result = validateDto(TeamDto, input);
    expect(!result.ok && result.errors).toEqual([{ path: key, message: `${key} is not a known field` }]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
