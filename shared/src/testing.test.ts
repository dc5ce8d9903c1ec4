import { describe, expect, it } from 'vitest';
import { badInput } from './errors.js';
import { codeOf, errorOf, failure, mutation, ok, thrown } from './testing.js';

const refused = { errors: [{ message: 'no', extensions: { code: 'BAD_USER_INPUT', field: 'input.on' } }] };
const answered = { data: { case: { id: '1' } } };

describe('the test helpers, one meaning each', () => {
  it('ok gives the data of a success and fails the test on a refusal', () => {
    expect(ok(answered)).toEqual({ case: { id: '1' } });
    expect(() => ok(refused)).toThrow(/BAD_USER_INPUT/);
  });

  it('errorOf, failure and codeOf read a refusal; the first two fail the test on a success', () => {
    expect(errorOf(refused)).toMatchObject({ message: 'no', extensions: { code: 'BAD_USER_INPUT' } });
    expect(failure(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.on' });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(codeOf(answered)).toBeUndefined();
    expect(() => failure(answered)).toThrow(/refused/);
  });

  it('thrown reads what a service call throws, and fails the test when it does not throw', async () => {
    expect(await thrown(Promise.reject(badInput('input.on', 'bad date')))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.on',
      message: 'bad date',
    });
    expect(
      await thrown(() => {
        throw badInput('x', 'y');
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(thrown(Promise.resolve(1))).rejects.toThrow(/succeeded/);
  });

  it('mutation writes the document of one step, with the shared input types', () => {
    expect(mutation('openCase', 'case { id }')).toBe(
      'mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }',
    );
    expect(mutation('approveBenefit', 'benefit { id }')).toContain('DecideBenefitInput!');
  });
});
