import { ValidationFailed } from '@leadscore/http';
import { readActivateBody } from './activate-rule-set.command';

describe('readActivateBody', () => {
  it.each([
    [undefined, false],
    [null, false],
    [{}, false],
    [{ rescore: false }, false],
    [{ rescore: true }, true],
  ])('reads %j as rescore %s', (body, rescore) => {
    expect(readActivateBody(body)).toEqual({ rescore });
  });

  it.each([
    [{ rescore: 'yes' }, ['rescore']],
    [{ rescore: true, force: 1 }, ['force']],
    [[true], ['body']],
    ['rescore', ['body']],
  ])('refuses %j naming %j', (body, paths) => {
    try {
      readActivateBody(body);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).errors.map((e) => e.path)).toEqual(paths);
    }
  });
});
