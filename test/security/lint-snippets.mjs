/**
 * Lints code snippets with the project's ESLint configuration through ESLint's Node API, in a plain
 * Node process: jest's module sandbox cannot load eslint.config.mjs (a dynamic import needs
 * --experimental-vm-modules). Reads [{ code, filePath }] as JSON on stdin; writes, for each, the
 * error-level messages as "ruleId: message" strings, as JSON on stdout.
 */
import { ESLint } from "eslint";
import { readFileSync } from "node:fs";

const snippets = JSON.parse(readFileSync(0, "utf8"));
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const { code, filePath } of snippets) {
  const [result] = await eslint.lintText(code, { filePath });
  out.push((result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId ?? "parse"}: ${m.message}`));
}
process.stdout.write(JSON.stringify(out));
