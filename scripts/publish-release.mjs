#!/usr/bin/env node
/**
 * Publishes a release file to the release channel (docs/releases.md):
 *
 *   node scripts/publish-release.mjs <release.json> [--out dist/releases] [--source <text>] [--published YYYY-MM-DD]
 *   npm run publish-release -- <release.json> [...]
 *
 * Checks, all of which must pass (every problem is listed, then the script exits 1):
 *   - the file is UTF-8 JSON of at most 1,000,000 bytes;
 *   - it satisfies the zod Release schema of src/data/schema.ts, cross-references included;
 *   - every stated figure's and fact's `phrase` appears verbatim in the source text it cites
 *     (--source; default test/fixtures/source/000_8d16afa62625a65f.txt, else
 *     ../shared/seeds/000_8d16afa62625a65f.txt beside the checkout);
 *   - every derived figure's formula uses exactly its `inputs` and reproduces its value
 *     (src/core/formula.ts, rounded to `roundTo`);
 *   - its id is newer than every release already in the index (ids are never reused).
 * Then it copies the file byte for byte to <out>/<id>.json and adds its entry (SHA-256, bytes,
 * published date) to <out>/index.json, creating the index if there is none. Publishing the same
 * bytes again is a no-op.
 *
 * The TypeScript sources are loaded as the build plugin loads them (release-channel-plugin.js).
 * Exit codes: 0 published (or already published), 1 refused, 2 usage error.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, resolve } from "node:path";

const require = createRequire(import.meta.url);
const { loadTypeScript, indexEntry, PROJECT_ROOT } = require("./release-channel-plugin.js");

const SOURCE_NAME = "000_8d16afa62625a65f.txt";
const SOURCE_PATHS = [
  join(PROJECT_ROOT, "test/fixtures/source", SOURCE_NAME),
  resolve(PROJECT_ROOT, "../shared/seeds", SOURCE_NAME),
];
const MAX_BYTES = 1_000_000;
const USAGE =
  "usage: node scripts/publish-release.mjs <release.json> [--out dist/releases] [--source <source.txt>] [--published YYYY-MM-DD]";

function usage(message) {
  console.error(`publish-release: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { file: undefined, out: join(PROJECT_ROOT, "dist/releases"), source: undefined, published: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) usage(`${arg} needs a value`);
      return next;
    };
    if (arg === "--out") options.out = resolve(value());
    else if (arg === "--source") options.source = resolve(value());
    else if (arg === "--published") options.published = value();
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith("--")) usage(`unknown option ${arg}`);
    else if (options.file === undefined) options.file = resolve(arg);
    else usage(`one release file at a time (got ${arg} too)`);
  }
  if (options.file === undefined) usage("no release file given");
  if (options.published !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.published)) {
    usage(`--published must be YYYY-MM-DD, not ${options.published}`);
  }
  return options;
}

function refuse(file, problems) {
  console.error(`publish-release: refused ${file}:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}

const options = parseArgs(process.argv.slice(2));
const {
  modules: [schema, formula, channelIndex, activeRelease],
} = loadTypeScript([
  join(PROJECT_ROOT, "src/data/schema.ts"),
  join(PROJECT_ROOT, "src/core/formula.ts"),
  join(PROJECT_ROOT, "src/channel/release-index.ts"),
  join(PROJECT_ROOT, "src/core/active-release.ts"),
]);

// ── The file itself ──
if (!existsSync(options.file)) usage(`no such file: ${options.file}`);
const bytes = readFileSync(options.file);
if (bytes.byteLength > MAX_BYTES) {
  refuse(options.file, [`${bytes.byteLength} bytes, over the channel's limit of ${MAX_BYTES}`]);
}
let text;
let json;
try {
  text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  json = JSON.parse(text);
} catch (error) {
  refuse(options.file, [`not UTF-8 JSON: ${error instanceof Error ? error.message : String(error)}`]);
}

const parsed = schema.Release.safeParse(json);
if (!parsed.success) {
  refuse(
    options.file,
    parsed.error.issues.slice(0, 20).map((issue) => `schema: ${issue.path.join(".") || "(release)"}: ${issue.message}`),
  );
}
const release = parsed.data;
const problems = [];

// ── Against the source text ──
const sourcePath = options.source ?? SOURCE_PATHS.find((candidate) => existsSync(candidate));
if (sourcePath === undefined || !existsSync(sourcePath)) {
  refuse(options.file, [`the source text is missing (looked at ${options.source ?? SOURCE_PATHS.join(", ")})`]);
}
const source = readFileSync(sourcePath, "utf8");
const phrases = [
  ...release.figures.flatMap((figure) => (figure.basis === "stated" ? [[`figure ${figure.id}`, figure.phrase]] : [])),
  ...release.facts.map((fact) => [`fact ${fact.id}`, fact.phrase]),
];
for (const [what, phrase] of phrases) {
  if (!source.includes(phrase)) problems.push(`${what}: phrase "${phrase}" is not in the source text ${basename(sourcePath)}`);
}

// ── Derived figures ──
const values = new Map(release.figures.map((figure) => [figure.id, figure.value]));
for (const figure of release.figures) {
  if (figure.basis !== "derived") continue;
  try {
    const used = formula.formulaInputs(figure.formula).sort().join(", ");
    const listed = [...figure.inputs].sort().join(", ");
    if (used !== listed) problems.push(`figure ${figure.id}: formula uses ${used}, inputs list ${listed}`);
    const computed = formula.roundTo(formula.evaluateFormula(figure.formula, (id) => values.get(id)), figure.roundTo);
    if (computed !== figure.value) {
      problems.push(`figure ${figure.id}: formula ${figure.formula} gives ${computed}, the file states ${figure.value}`);
    }
  } catch (error) {
    problems.push(`figure ${figure.id}: formula ${figure.formula} fails: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// ── Against the index ──
const indexPath = join(options.out, "index.json");
let index = { schema: channelIndex.INDEX_SCHEMA_VERSION, releases: [] };
if (existsSync(indexPath)) {
  let existing;
  try {
    existing = channelIndex.ReleaseIndex.safeParse(JSON.parse(readFileSync(indexPath, "utf8")));
  } catch (error) {
    refuse(options.file, [`${indexPath} is not JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (!existing.success) {
    refuse(options.file, existing.error.issues.map((issue) => `${indexPath}: ${issue.path.join(".")}: ${issue.message}`));
  }
  index = existing.data;
}
const published = options.published ?? new Date().toISOString().slice(0, 10);
const entry = indexEntry(release.id, text, published);
const listed = index.releases.find((candidate) => candidate.id === release.id);
if (listed && listed.sha256 === entry.sha256 && problems.length === 0) {
  console.log(`publish-release: ${release.id} is already published with these bytes (${indexPath}); nothing to do.`);
  process.exit(0);
}
if (listed) problems.push(`release ${release.id} is already in ${indexPath} with other bytes: ids are never reused`);
const newer = index.releases.filter((candidate) => activeRelease.compareReleaseIds(candidate.id, release.id) >= 0);
if (!listed && newer.length > 0) {
  problems.push(`release ${release.id} is not newer than ${newer.map((c) => c.id).join(", ")} already in the index`);
}
if (problems.length > 0) refuse(options.file, problems);

// ── Write: the file first, then the index (each via a temporary name and a rename) ──
mkdirSync(options.out, { recursive: true });
const target = join(options.out, entry.file);
writeFileSync(`${target}.tmp`, bytes);
renameSync(`${target}.tmp`, target);
const nextIndex = { schema: channelIndex.INDEX_SCHEMA_VERSION, releases: [...index.releases, entry] };
const check = channelIndex.ReleaseIndex.safeParse(nextIndex);
if (!check.success) refuse(options.file, [`the updated index would be invalid: ${check.error.message}`]);
writeFileSync(`${indexPath}.tmp`, `${JSON.stringify(nextIndex, null, 2)}\n`);
renameSync(`${indexPath}.tmp`, indexPath);
console.log(
  `publish-release: published ${release.id} → ${target} (${entry.bytes} bytes, SHA-256 ${entry.sha256}); ` +
    `${indexPath} lists ${nextIndex.releases.length} release(s), newest ${release.id}.`,
);
