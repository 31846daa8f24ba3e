// npm run screenshots: refreshes the README's pictures in docs/screenshots/ by running the browser
// tests that take them (the preview page, the refresh plan, the briefing, sharing and the pane's briefing) with BJ_SCREENSHOTS_DIR set there.
// A plain `npm test` writes the same pictures to test-results/screenshots/ (gitignored) instead.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const ensure = spawnSync(process.execPath, [join(root, "scripts/ensure-chromium.mjs")], { cwd: root, stdio: "inherit" });
if (ensure.status !== 0) process.exit(ensure.status ?? 1);
const jest = spawnSync(
  process.execPath,
  [require.resolve("jest/bin/jest"), "test/browser/preview-page.test.ts", "test/browser/refresh.test.ts", "test/browser/briefing-preview.test.ts", "test/browser/share.test.ts", "test/browser/pane-briefing.test.ts"],
  { cwd: root, stdio: "inherit", env: { ...process.env, BJ_SCREENSHOTS_DIR: "docs/screenshots" } },
);
if (jest.status === 0) console.log("[screenshots] docs/screenshots/ refreshed; review them with git diff --stat docs/screenshots before committing.");
process.exit(jest.status ?? 1);
