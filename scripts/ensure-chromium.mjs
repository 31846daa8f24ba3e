#!/usr/bin/env node
// Makes sure the browser tests have a Chromium (CHROMIUM_PATH, or Debian's /usr/bin/chromium) and a
// CJK font, so that the Chinese screenshots show Chinese. Where they are missing and this runs as
// root with apt-get (a fresh project machine), it installs Debian's chromium and fonts-noto-cjk;
// otherwise it says what to install and fails (Chromium) or warns (the font), before any test runs.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const wanted = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CJK_FONT_DIR = "/usr/share/fonts/opentype/noto";
const packages = [...(existsSync(wanted) ? [] : ["chromium"]), ...(existsSync(CJK_FONT_DIR) ? [] : ["fonts-noto-cjk"])];
if (packages.length === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
if (!packages.includes("chromium") && (!isRoot || !hasApt)) {
  console.warn("[ensure-chromium] No CJK font (Debian: apt-get install -y fonts-noto-cjk): Chinese screenshots will show boxes.");
  process.exit(0);
}
if ((process.env.CHROMIUM_PATH && packages.includes("chromium")) || !isRoot || !hasApt) {
  console.error(`[ensure-chromium] No Chromium at ${wanted}. The browser tests need it:`);
  console.error("  Debian: apt-get install -y chromium (as root); elsewhere set CHROMIUM_PATH to a Chromium or Chrome binary.");
  process.exit(1);
}

console.log(`[ensure-chromium] Installing ${packages.join(" and ")} for the browser tests (apt-get, as root) ...`);
const run = (args) => spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
const update = run(["update"]);
const install = update.status === 0 ? run(["install", "-y", "--no-install-recommends", ...packages]) : update;
if (install.status !== 0 || !existsSync(wanted)) {
  console.error(`[ensure-chromium] Installing ${packages.join(" and ")} failed; see apt-get's output above.`);
  process.exit(1);
}
