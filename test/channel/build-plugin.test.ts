/**
 * The build's release channel (scripts/release-channel-plugin.js): the pure function's files, a
 * small webpack compile with the plugin, and the loader reading what the build emits.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import webpack from "webpack";
import { Release } from "../../src/data/schema";
import { RELEASE } from "../../src/data/release";
import { loadRelease } from "../../src/channel";
import { BASE_URL, ChannelSite } from "./channel-site";

interface ChannelFiles {
  files: { name: string; text: string }[];
  entry: { id: string; file: string; sha256: string; bytes: number; published: string } | undefined;
  errors: string[];
  dependencies: string[];
}
interface PluginModule {
  new (options?: { root?: string }): webpack.WebpackPluginInstance;
  embeddedChannelFiles(root?: string): ChannelFiles;
}

const ROOT = join(__dirname, "../..");
const load = createRequire(__filename);
const plugin = load(join(ROOT, "scripts/release-channel-plugin.js")) as PluginModule;

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

describe("the release channel plugin", () => {
  const result = plugin.embeddedChannelFiles(ROOT);
  const byName = new Map(result.files.map((file) => [file.name, file.text]));
  const embedded = Release.parse(RELEASE);

  it("emits the embedded release and an index listing it, and nothing else", () => {
    expect(result.errors).toEqual([]);
    expect([...byName.keys()].sort()).toEqual([`releases/${RELEASE.id}.json`, "releases/index.json"].sort());
  });

  it("emits exactly the embedded release of src/data/release.ts", () => {
    expect(JSON.parse(byName.get(`releases/${RELEASE.id}.json`) ?? "null")).toEqual(embedded);
  });

  it("lists the file with its SHA-256 and byte count", () => {
    const text = byName.get(`releases/${RELEASE.id}.json`) ?? "";
    expect(JSON.parse(byName.get("releases/index.json") ?? "null")).toEqual({
      schema: 1,
      releases: [
        { id: RELEASE.id, file: `${RELEASE.id}.json`, sha256: sha256(text), bytes: Buffer.byteLength(text), published: RELEASE.released },
      ],
    });
  });

  it("watches the sources it read (the data, the schema, the index format)", () => {
    const relative = result.dependencies.map((file) => file.slice(ROOT.length + 1)).sort();
    expect(relative).toEqual(expect.arrayContaining(["src/data/release.ts", "src/data/schema.ts", "src/channel/release-index.ts"]));
  });

  it("is what the add-in's loader accepts: served as built, it loads as the embedded release", async () => {
    const site = new ChannelSite();
    for (const { name, text } of result.files) site.file(name.replace(/^releases\//, ""), text);
    const outcome = await loadRelease({ baseUrl: BASE_URL, fetch: site.fetch });
    expect(outcome.ok && outcome.release).toEqual(embedded);
  });

  it("writes the same files into a webpack build's output", async () => {
    const out = mkdtempSync(join(tmpdir(), "bj-channel-"));
    try {
      const compiler = webpack({
        mode: "development",
        context: ROOT,
        entry: "./test/channel/empty-entry.js",
        output: { path: out },
        plugins: [new plugin({ root: ROOT })],
      });
      const stats = await new Promise<webpack.Stats | undefined>((resolve, reject) =>
        compiler.run((error, value) => (error ? reject(error) : resolve(value))),
      );
      await new Promise<void>((resolve) => compiler.close(() => resolve()));
      expect(stats?.compilation.errors.map(String) ?? ["no stats"]).toEqual([]);
      const emitted = readdirSync(join(out, "releases")).sort();
      expect(emitted).toEqual([`${RELEASE.id}.json`, "index.json"].sort());
      const mismatched = result.files.filter(({ name, text }) => readFileSync(join(out, name), "utf8") !== text).map((f) => f.name);
      expect(mismatched).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
