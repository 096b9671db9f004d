// What the library's tests wait for: every item of an async iterable, or the PartnerCenterError a
// promise rejects with. Not part of the package (src/index.ts does not import it).
import { PartnerCenterError } from "../errors/partner-center-error.js";

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** The PartnerCenterError `promise` rejects with; anything else (a value, another error) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<PartnerCenterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PartnerCenterError)) throw new Error(`expected a PartnerCenterError, got ${String(error)}`);
  return error;
}
