/**
 * scripts/publish-release.mjs, run as a publisher runs it (node, in a child process), on a channel
 * folder that starts as the build emits it; the fictional revised fixture, which it refuses against
 * the real report and publishes against its own (fictional) source text, with the command the
 * README documents.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CURRENT_RELEASE } from "../../src/data";
import { Release } from "../../src/data/schema";
import { loadRelease } from "../../src/channel";
import { BASE_URL, ChannelSite, FIXTURES, fixtureText, sha256 } from "./channel-site";

const ROOT = join(__dirname, "../..");
const SCRIPT = join(ROOT, "scripts/publish-release.mjs");
const load = createRequire(__filename);
const plugin = load(join(ROOT, "scripts/release-channel-plugin.js")) as {
  embeddedChannelFiles(root?: string): { files: { name: string; text: string }[] };
};

let work = "";
let out = "";

function publish(file: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, file, "--out", out, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A release file in the work folder: the embedded release under a new id, changed by `change`. */
function releaseFile(name: string, id: string, change?: (release: Record<string, unknown>) => void): string {
  const release = JSON.parse(JSON.stringify(CURRENT_RELEASE)) as Record<string, unknown>;
  release.id = id;
  release.released = id.slice(0, 10);
  change?.(release);
  const path = join(work, name);
  writeFileSync(path, `${JSON.stringify(release, null, 2)}\n`);
  return path;
}

type FigureRecord = { id: string; value: number; label: { en: string; zh: string } };
const figure = (release: Record<string, unknown>, id: string): FigureRecord => {
  const found = (release.figures as FigureRecord[]).find((f) => f.id === id);
  if (!found) throw new Error(`no figure ${id}`);
  return found;
};
const renamed = (release: Record<string, unknown>): void => {
  figure(release, "pioneering_policies").label = { en: "Groundbreaking policies put in place", zh: "已落地的突破性政策数" };
};
const indexJson = () => JSON.parse(readFileSync(join(out, "index.json"), "utf8")) as { releases: { id: string; sha256: string; bytes: number }[] };

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "bj-publish-"));
  out = join(work, "releases");
  // The channel as a build leaves it: the embedded release and its index.
  mkdirSync(out, { recursive: true });
  for (const { name, text } of plugin.embeddedChannelFiles(ROOT).files) writeFileSync(join(work, name), text);
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

describe("publish-release.mjs", () => {
  it("publishes a good release: copies it byte for byte and adds its checksum to the index", async () => {
    const file = releaseFile("good.json", "2025-02-01.1", renamed);
    const result = publish(file, "--published", "2025-02-01");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(readFileSync(join(out, "2025-02-01.1.json"), "utf8")).toBe(text);
    expect(indexJson().releases).toEqual([
      expect.objectContaining({ id: CURRENT_RELEASE.id }),
      { id: "2025-02-01.1", file: "2025-02-01.1.json", sha256: sha256(text), bytes: Buffer.byteLength(text), published: "2025-02-01" },
    ]);

    // The add-in then loads it from that folder.
    const site = new ChannelSite();
    for (const name of ["index.json", `${CURRENT_RELEASE.id}.json`, "2025-02-01.1.json"]) site.file(name, readFileSync(join(out, name)));
    const outcome = await loadRelease({ baseUrl: BASE_URL, fetch: site.fetch });
    expect(outcome.ok && outcome.release.id).toBe("2025-02-01.1");
    expect(outcome.ok && outcome.release.figures.find((f) => f.id === "pioneering_policies")?.label.en).toBe(
      "Groundbreaking policies put in place",
    );
  });

  it("does nothing when the same bytes are published again, and refuses other bytes under a used id", () => {
    const file = releaseFile("good.json", "2025-02-01.1", renamed);
    expect(publish(file).status).toBe(0);
    const again = publish(file);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("already published");
    expect(indexJson().releases).toHaveLength(2);
    const other = publish(releaseFile("other.json", "2025-02-01.1"));
    expect(other.status).toBe(1);
    expect(other.stderr).toContain("ids are never reused");
  });

  it("publishes the fictional test release with the command the README and docs/releases.md document", () => {
    const documented = (path: string): string => {
      const line = readFileSync(join(ROOT, path), "utf8").split("\n").find((text) => text.startsWith("npm run publish-release -- test/fixtures/releases/revised.json"));
      return line ?? `(no documented command in ${path})`;
    };
    const command = documented("README.md");
    expect(documented("docs/releases.md")).toBe(command);
    const args = command.replace(/^npm run publish-release -- /, "").split(/\s+/);
    const outAt = args.indexOf("--out");
    expect(outAt).toBeGreaterThan(0);
    // As documented, except that it publishes into this test's folder rather than dist-preview/.
    const run = [...args.slice(0, outAt), ...args.slice(outAt + 2)];
    const result = spawnSync(process.execPath, [SCRIPT, ...run, "--out", out], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(indexJson().releases.map((r) => r.id)).toEqual([CURRENT_RELEASE.id, "2025-03-01.1"]);
    expect(readFileSync(join(out, "2025-03-01.1.json"), "utf8")).toBe(fixtureText("revised.json"));
  });

  it("refuses the fictional revised fixture against the real report: its full-year phrases are not in it", () => {
    const before = readFileSync(join(out, "index.json"), "utf8");
    const result = publish(join(FIXTURES, "revised.json"));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("figure fdi_new_enterprises: phrase");
    expect(result.stderr).toContain("figure ftz_fdi_share: phrase");
    expect(result.stderr).toContain("is not in the source text 000_8d16afa62625a65f.txt");
    expect(readFileSync(join(out, "index.json"), "utf8")).toBe(before);
    expect(existsSync(join(out, "2025-03-01.1.json"))).toBe(false);
  });

  it.each([
    ["a schema violation", join(FIXTURES, "schema-violation.json"), "schema: figures.0.value"],
    ["malformed JSON", join(FIXTURES, "malformed.json"), "not UTF-8 JSON"],
  ])("refuses %s", (_name, file, expected) => {
    const result = publish(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(expected);
    expect(indexJson().releases.map((r) => r.id)).toEqual([CURRENT_RELEASE.id]);
  });

  it("refuses a derived figure its formula does not reproduce", () => {
    const file = releaseFile("bad-derived.json", "2025-02-01.1", (release) => {
      figure(release, "ftz_fdi_share_prev_year").value = 0.2;
    });
    const result = publish(file);
    expect(result.status).toBe(1);
    const stored = CURRENT_RELEASE.figures.find((f) => f.id === "ftz_fdi_share_prev_year")?.value;
    expect(result.stderr).toContain(`figure ftz_fdi_share_prev_year: formula`);
    expect(result.stderr).toContain(`gives ${String(stored)}, the file states 0.2`);
  });

  it("refuses a release that is not newer than the index's newest", () => {
    const result = publish(releaseFile("old.json", "2024-12-01.1"));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`release 2024-12-01.1 is not newer than ${CURRENT_RELEASE.id}`);
  });

  it("checks phrases against --source when given", () => {
    const source = join(work, "other-source.txt");
    writeFileSync(source, "A text that states none of the figures.");
    const result = publish(releaseFile("good.json", "2025-02-01.1"), "--source", source);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("is not in the source text other-source.txt");
  });

  it("says how to call it when called wrongly", () => {
    const result = spawnSync(process.execPath, [SCRIPT, "--out"], { cwd: ROOT, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage: node scripts/publish-release.mjs");
  });
});

describe("the revised release fixture", () => {
  const revised = JSON.parse(fixtureText("revised.json")) as Release;
  const embedded = CURRENT_RELEASE;

  it("satisfies the release schema (else: node test/fixtures/releases/make-fixtures.mjs)", () => {
    const result = Release.safeParse(revised);
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
  });

  it("is newer than the embedded release", () => {
    expect(revised.id).toBe("2025-03-01.1");
    expect(revised.id > embedded.id).toBe(true);
  });

  it("changes figures, to a full-year period among others", () => {
    const before = new Map(embedded.figures.map((f) => [f.id, f]));
    const changed = revised.figures.filter((f) => before.get(f.id)?.value !== f.value).map((f) => f.id);
    expect(changed).toEqual(expect.arrayContaining(["fdi_new_enterprises", "ftz_fdi_share"]));
    const count = revised.figures.find((f) => f.id === "fdi_new_enterprises");
    expect(count?.period).toMatchObject({ start: "2024-01-01", end: "2024-12-31" });
    expect(before.get("fdi_new_enterprises")?.period.end).toBe("2024-11-30");
  });

  it("adds a row to one table and removes one from another", () => {
    const rows = (release: Release, id: string): readonly string[] => release.tables.find((t) => t.id === id)?.rows ?? [];
    const added = revised.tables.flatMap((t) => rows(revised, t.id).filter((r) => !rows(embedded, t.id).includes(r)).map((r) => `${t.id}+${r}`));
    const removed = embedded.tables.flatMap((t) => rows(embedded, t.id).filter((r) => !rows(revised, t.id).includes(r)).map((r) => `${t.id}-${r}`));
    expect(added).toEqual(["fdi_headline+ftz_fdi_share"]);
    expect(removed).toEqual(["two_zones_policy-services_openness_first_place_years"]);
  });

  it("renames a label", () => {
    const label = (release: Release) => release.figures.find((f) => f.id === "pioneering_policies")?.label;
    expect(label(revised)).not.toEqual(label(embedded));
    expect(label(revised)?.en).toBe("Groundbreaking policies put in place");
  });

  it("says it is fictional, in its source block and in its own source text, which holds all its phrases", () => {
    expect(revised.source.publisher.en).toMatch(/^Fictional test source$/);
    expect(revised.source.description.en).toMatch(/fictional/i);
    expect(revised.source.headline).toMatch(/not a real report/);
    expect([revised.source.url, revised.source.accessed]).toEqual([null, null]);
    const text = fixtureText("revised-source.txt");
    expect(text.split("\n")[0]).toMatch(/^FICTIONAL TEST SOURCE\. This is not a real report and not Xinhua's text/);
    const phrases = [...revised.figures.flatMap((f) => (f.basis === "stated" ? [f.phrase] : [])), ...revised.facts.map((f) => f.phrase)];
    expect(phrases.filter((phrase) => !text.includes(phrase))).toEqual([]);
  });

  it("agrees with its own figures: derived periods follow their inputs, and notes name the periods the rows have", () => {
    const byId = new Map(revised.figures.map((f) => [f.id, f]));
    const calendarYear = (p: { start: string | null; end: string }): boolean => p.start !== null && p.start.endsWith("-01-01") && p.end.endsWith("-12-31");
    const problems: string[] = [];
    for (const f of revised.figures) {
      if (f.basis !== "derived") continue;
      const inputs = f.inputs.flatMap((id) => byId.get(id) ?? []);
      if (inputs.some((input) => calendarYear(input.period) !== calendarYear(f.period))) problems.push(`${f.id}: period kind differs from its inputs'`);
      if (inputs.some((input) => input.period.end < f.period.end)) problems.push(`${f.id}: ends after an input`);
      const partial = inputs.some((input) => !calendarYear(input.period));
      if (partial !== /January–November/.test(f.note.en)) problems.push(`${f.id}: note "${f.note.en}"`);
    }
    // Nothing is left dated by January–November figures the release no longer has.
    for (const item of [...revised.figures, ...revised.facts]) {
      if (/January–November/.test(item.period.inference?.en ?? "")) problems.push(`${item.id}: inferred from January–November figures`);
    }
    for (const table of revised.tables) {
      const periods = table.rows.flatMap((id) => byId.get(id)?.period ?? []);
      if (periods.length === 0) continue;
      const partial = periods.some((p) => !calendarYear(p) && p.start !== null);
      if (/January–November/.test(table.note.en) && !partial) problems.push(`${table.id}: note says January–November, rows are not`);
      if (/Full-year/.test(table.note.en) && partial) problems.push(`${table.id}: note says full-year, a row is not`);
    }
    expect(problems).toEqual([]);
  });

  it("is never shipped: the embedded release is not it", () => {
    expect(embedded.id).not.toBe(revised.id);
    expect(readFileSync(join(ROOT, "src/data/release.ts"), "utf8")).not.toContain("test fixture");
  });
});
