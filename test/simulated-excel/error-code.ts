/** Shared by the simulated host's contract tests. */
import { SimOfficeError } from "../../src/simulated-excel";

/** The Office error code a promise rejects with, or "no error"; any other error is rethrown. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error: unknown) {
    if (error instanceof SimOfficeError) return error.code;
    throw error;
  }
  return "no error";
}
