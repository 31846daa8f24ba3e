// @ts-check
/**
 * Emits the localized custom-functions metadata (functions.zh-CN.json) from the functions.json
 * that CustomFunctionsMetadataPlugin generates, and a translation table kept in src/functions.
 *
 * Localized: each function's description, each parameter's name and description, and the helpUrl
 * (pointed at the Chinese part of the same help section). NOT the function names: they stay the
 * English ones in every language, as Chinese data terminals keep WSD and EDB in Chinese Excel. A
 * formula the add-in writes through the API (=BJ.STAT, =BJ.TABLE) names the function in English,
 * and where the locale's metadata gives localized names such a formula shows #NAME?
 * (OfficeDev/office-js#891; #6614 in Turkish Excel). So one name works in every language, and a
 * translation that gives a function a name fails the build. Ids, types, optional flags,
 * dimensionality and options are copied unchanged: Excel identifies a function by its id.
 * The manifest's zh-CN bt:Override of Functions.Metadata.Url points at the emitted file.
 *
 * A table that misses a function or parameter, or names one that does not exist, fails the build.
 */
const fs = require("node:fs");
const { Compilation, WebpackError, sources } = require("webpack");

const PLUGIN = "LocalizedFunctionsPlugin";

/**
 * @typedef {{ name: string, description?: string, [key: string]: unknown }} MetadataParameter
 * @typedef {{ id: string, name: string, description?: string, helpUrl?: string,
 *   parameters: MetadataParameter[], [key: string]: unknown }} MetadataFunction
 * @typedef {{ functions: MetadataFunction[], [key: string]: unknown }} Metadata
 * @typedef {{ name?: string, description: string, parameters: Record<string, { name: string, description: string }> }} Translation
 *   (`name` is refused: function names are not translated)
 * @typedef {Record<string, Translation>} TranslationTable
 */

/**
 * The metadata in another language. Returns the errors instead of a partial result.
 * @param {Metadata} metadata the generated functions.json, parsed
 * @param {TranslationTable} table translations keyed by function id, then parameter name
 * @param {{ helpAnchorSuffix?: string }} [options] appended to each helpUrl fragment ("#stat" → "#stat-zh")
 * @returns {{ metadata: Metadata, errors: string[] }}
 */
function localizeMetadata(metadata, table, options = {}) {
  const suffix = options.helpAnchorSuffix ?? "";
  /** @type {string[]} */
  const errors = [];
  const ids = new Set(metadata.functions.map((f) => f.id));
  for (const id of Object.keys(table)) {
    if (!ids.has(id)) errors.push(`translation for unknown function ${id}`);
  }
  const functions = metadata.functions.map((fn) => {
    const t = table[fn.id];
    if (!t) {
      errors.push(`no translation for function ${fn.id}`);
      return fn;
    }
    if (t.name !== undefined) errors.push(`${fn.id}: function names are not translated (office-js#891): remove "name" ${JSON.stringify(t.name)}`);
    const names = new Set(fn.parameters.map((p) => p.name));
    for (const name of Object.keys(t.parameters)) {
      if (!names.has(name)) errors.push(`${fn.id}: translation for unknown parameter ${name}`);
    }
    const parameters = fn.parameters.map((p) => {
      const tp = t.parameters[p.name];
      if (!tp) {
        errors.push(`${fn.id}: no translation for parameter ${p.name}`);
        return p;
      }
      return { ...p, name: tp.name, description: tp.description };
    });
    const helpUrl = fn.helpUrl && fn.helpUrl.includes("#") && suffix !== "" ? `${fn.helpUrl}${suffix}` : fn.helpUrl;
    return { ...fn, description: t.description, helpUrl, parameters };
  });
  return { metadata: { ...metadata, functions }, errors };
}

class LocalizedFunctionsPlugin {
  /**
   * @param {{ source?: string, output: string, table: string, helpAnchorSuffix?: string }} options
   *   source: the generated metadata asset (default functions.json); output: the asset to emit;
   *   table: path of the translation JSON.
   */
  constructor(options) {
    this.options = { source: "functions.json", ...options };
  }

  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.fileDependencies.add(this.options.table);
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, (assets) => {
        const fail = (/** @type {string} */ message) => compilation.errors.push(new WebpackError(`${PLUGIN}: ${message}`));
        const asset = assets[this.options.source];
        if (!asset) {
          fail(`${this.options.source} was not generated; is CustomFunctionsMetadataPlugin listed before this plugin?`);
          return;
        }
        let table;
        try {
          table = JSON.parse(fs.readFileSync(this.options.table, "utf8"));
        } catch (error) {
          fail(`cannot read ${this.options.table}: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
        const metadata = JSON.parse(asset.source().toString());
        const localized = localizeMetadata(metadata, table, { helpAnchorSuffix: this.options.helpAnchorSuffix });
        if (localized.errors.length > 0) {
          for (const message of localized.errors) fail(message);
          return;
        }
        compilation.emitAsset(this.options.output, new sources.RawSource(JSON.stringify(localized.metadata, null, 4)));
      });
    });
  }
}

module.exports = LocalizedFunctionsPlugin;
module.exports.localizeMetadata = localizeMetadata;
