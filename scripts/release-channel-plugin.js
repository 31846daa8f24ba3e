// @ts-check
/**
 * Publishes the embedded release as the start of the release channel: emits
 * `releases/<id>.json` (the release of src/data/release.ts, validated by the zod schema) and
 * `releases/index.json` listing it with its SHA-256 and byte count. A deployment thus starts with
 * a valid channel; scripts/publish-release.mjs adds newer releases beside it. docs/releases.md.
 *
 * How the TypeScript sources are read from Node, without ts-node or a second bundle:
 * `loadTypeScript` transpiles the entry file and every file it imports by a relative path with
 * the TypeScript compiler API (`ts.transpileModule`, CommonJS output, no type checking), writes the
 * result into a fresh folder under node_modules/.cache (so `zod` resolves from the project's
 * node_modules), `require`s it, then deletes the folder. The schema, the data and the formula code
 * are thus the very sources the add-in is built from. publish-release.mjs uses the same loader.
 */
const fs = require("node:fs");
const path = require("node:path");
const { createHash } = require("node:crypto");
const ts = require("typescript");

const PLUGIN = "ReleaseChannelPlugin";
const PROJECT_ROOT = path.resolve(__dirname, "..");

/**
 * The .ts file a relative import names: `./x` is x.ts or x/index.ts.
 * @param {string} fromFile
 * @param {string} specifier
 */
function resolveTs(fromFile, specifier) {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, "index.ts"), base]) {
    if (candidate.endsWith(".ts") && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`cannot resolve ${specifier} from ${fromFile}`);
}

/**
 * Transpiles `entries` (absolute .ts paths under `root`) and the files they import by relative
 * paths, then requires them. Returns the entries' exports, in order, and the source files read
 * (for webpack's watch list).
 * @param {string[]} entries
 * @param {string} [root]
 * @returns {{ modules: Record<string, unknown>[], files: string[] }}
 */
function loadTypeScript(entries, root = PROJECT_ROOT) {
  /** @type {Map<string, string>} source path → transpiled JS */
  const outputs = new Map();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = /** @type {string} */ (pending.pop());
    if (outputs.has(file)) continue;
    const source = fs.readFileSync(file, "utf8");
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2020,
        esModuleInterop: true,
        isolatedModules: true,
      },
    });
    outputs.set(file, outputText);
    for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
      if (fileName.startsWith(".")) pending.push(resolveTs(file, fileName));
    }
  }
  const cacheRoot = path.join(root, "node_modules", ".cache");
  fs.mkdirSync(cacheRoot, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cacheRoot, "release-channel-"));
  try {
    fs.writeFileSync(path.join(dir, "package.json"), '{ "type": "commonjs" }\n');
    for (const [file, js] of outputs) {
      const target = path.join(dir, path.relative(root, file)).replace(/\.ts$/, ".js");
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, js);
    }
    const modules = entries.map((entry) => require(path.join(dir, path.relative(root, entry)).replace(/\.ts$/, ".js")));
    return { modules, files: [...outputs.keys()] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** SHA-256 of a text's UTF-8 bytes, lowercase hex. @param {string | Uint8Array} data */
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * The index entry for a release file's exact text.
 * @param {string} id
 * @param {string} text
 * @param {string} published YYYY-MM-DD
 */
function indexEntry(id, text, published) {
  return { id, file: `${id}.json`, sha256: sha256Hex(text), bytes: Buffer.byteLength(text, "utf8"), published };
}

/**
 * The text a release file is published with: two-space JSON and a final newline.
 * @param {unknown} release
 */
function releaseFileText(release) {
  return `${JSON.stringify(release, null, 2)}\n`;
}

/**
 * The pure part of the plugin: the channel files for the embedded release.
 * @param {string} [root] project root
 * @returns {{ files: { name: string, text: string }[], entry: ReturnType<typeof indexEntry> | undefined,
 *   errors: string[], dependencies: string[] }}
 */
function embeddedChannelFiles(root = PROJECT_ROOT) {
  const { modules, files } = loadTypeScript(
    [path.join(root, "src/data/release.ts"), path.join(root, "src/data/schema.ts"), path.join(root, "src/channel/release-index.ts")],
    root,
  );
  const dataModule = /** @type {typeof import("../src/data/release")} */ (modules[0]);
  const schemaModule = /** @type {typeof import("../src/data/schema")} */ (modules[1]);
  const indexModule = /** @type {typeof import("../src/channel/release-index")} */ (modules[2]);
  const parsed = schemaModule.Release.safeParse(dataModule.RELEASE);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`);
    return { files: [], entry: undefined, errors: [`the embedded release fails the schema: ${issues.join("; ")}`], dependencies: files };
  }
  const release = parsed.data;
  const text = releaseFileText(release);
  const entry = indexEntry(release.id, text, release.released);
  const index = { schema: indexModule.INDEX_SCHEMA_VERSION, releases: [entry] };
  const indexCheck = indexModule.ReleaseIndex.safeParse(index);
  if (!indexCheck.success) {
    return { files: [], entry: undefined, errors: [`the generated index is invalid: ${indexCheck.error.message}`], dependencies: files };
  }
  return {
    files: [
      { name: `releases/${entry.file}`, text },
      { name: "releases/index.json", text: `${JSON.stringify(index, null, 2)}\n` },
    ],
    entry,
    errors: [],
    dependencies: files,
  };
}

class ReleaseChannelPlugin {
  /** @param {{ root?: string }} [options] */
  constructor(options = {}) {
    this.root = options.root ?? PROJECT_ROOT;
  }

  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      // After RewriteOriginInJsonPlugin (OPTIMIZE_TRANSFER): nothing may change a release file's
      // bytes once its checksum is computed.
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_ANALYSE }, () => {
        let result;
        try {
          result = embeddedChannelFiles(this.root);
        } catch (error) {
          compilation.errors.push(new WebpackError(`${PLUGIN}: ${error instanceof Error ? error.message : String(error)}`));
          return;
        }
        for (const file of result.dependencies) compilation.fileDependencies.add(file);
        for (const message of result.errors) compilation.errors.push(new WebpackError(`${PLUGIN}: ${message}`));
        for (const { name, text } of result.files) compilation.emitAsset(name, new sources.RawSource(text));
      });
    });
  }
}

module.exports = ReleaseChannelPlugin;
module.exports.ReleaseChannelPlugin = ReleaseChannelPlugin;
module.exports.embeddedChannelFiles = embeddedChannelFiles;
module.exports.loadTypeScript = loadTypeScript;
module.exports.indexEntry = indexEntry;
module.exports.releaseFileText = releaseFileText;
module.exports.sha256Hex = sha256Hex;
module.exports.PROJECT_ROOT = PROJECT_ROOT;
