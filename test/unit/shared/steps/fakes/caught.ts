/**
 * The error a promise rejects with, so that a test can assess its name and message together;
 * fails the test when the promise resolves or rejects with a non-Error.
 */
export async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof Error) return error;
    throw new Error(`expected an Error to be thrown, got ${String(error)}`);
  }
  throw new Error('expected the promise to reject, but it resolved');
}
