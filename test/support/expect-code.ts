/** Awaits a promise that must fail with a CradleError of the given code, and returns the error. */
import { expect } from "vitest";
import { CradleError } from "../../src/errors.js";

export async function expectCode(p: Promise<unknown>, code: string): Promise<CradleError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, `expected ${code}`).toBeInstanceOf(CradleError);
  expect((e as CradleError).code, (e as Error).message).toBe(code);
  return e as CradleError;
}
