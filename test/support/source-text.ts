import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The vendored source report: a test fixture (see test/fixtures/README.md), never shipped. */
export const SOURCE_TEXT_PATH = resolve(__dirname, "../fixtures/source/000_8d16afa62625a65f.txt");

/** The source report's text. */
export function readSourceText(): string {
  return readFileSync(SOURCE_TEXT_PATH, "utf8");
}
