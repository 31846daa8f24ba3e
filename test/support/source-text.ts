import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

/** Where the source report lives: ../shared/seeds beside the checkout, as on every machine and in CI. */
export const SOURCE_TEXT_PATH = resolve(__dirname, "../../../shared/seeds/000_8d16afa62625a65f.txt");

/** The source report's text; fails loudly, naming the path, where ../shared is missing. */
export function readSourceText(): string {
  if (!existsSync(SOURCE_TEXT_PATH)) {
    throw new Error(`The source report is missing at ${SOURCE_TEXT_PATH}: the data tests prove figures against it.`);
  }
  return readFileSync(SOURCE_TEXT_PATH, "utf8");
}
