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

/** The CradleError a call refuses with, whatever its code; a call that succeeds, or fails otherwise, fails the test. */
export async function refusal(f: () => Promise<unknown>): Promise<CradleError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof CradleError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}
