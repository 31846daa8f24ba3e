// @ts-check
/**
 * Build of the add-in: two bundles (taskpane, functions) served from one page, the generated
 * custom-functions metadata, and the static files (manifest, icons, help pages).
 *
 *   npm run build            production; ADDIN_URL=https://host/path is required and replaces the
 *                            development origin https://localhost:3000 everywhere in manifest.xml
 *                            and in the generated functions metadata.
 *   npm run build:dev        development build into dist/ (localhost URLs kept).
 *   npm start                scripts/start.mjs: this config in development mode, served over https.
 *
 * Type errors are not checked here (ts-loader transpileOnly): `npm run typecheck` does that, as
 * ts-loader's own checking reports false errors on rebuilds under `webpack serve`.
 */
const fs = require("node:fs");
const path = require("node:path");
const { Compilation, sources } = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const LocalizedFunctionsPlugin = require("./scripts/localized-functions-plugin");
const { headerPolicy, pageKind } = require("./scripts/csp");

/** The origin that manifest.xml and the sources are written with. */
const DEV_ORIGIN = "https://localhost:3000";
const DEV_PORT = 3000;

/**
 * The origin the built add-in is served from. Production needs ADDIN_URL (no silent default: a
 * manifest pointing at localhost or at a made-up host would sideload and then fail in Excel).
 * @param {string} mode
 * @returns {string} an https origin with an optional path, without a trailing slash
 */
function addinOrigin(mode) {
  const raw = process.env.ADDIN_URL;
  if (raw === undefined || raw.trim() === "") {
    if (mode === "production") {
      throw new Error(
        "ADDIN_URL is not set. The production build writes it into manifest.xml in place of " +
          `${DEV_ORIGIN}. Example: ADDIN_URL=https://addin.example.org/bj npm run build`,
      );
    }
    return DEV_ORIGIN;
  }
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`ADDIN_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_URL must use https (Office loads add-ins over https only): ${raw}`);
  if (url.search !== "" || url.hash !== "") throw new Error(`ADDIN_URL must not have a query or fragment: ${raw}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * Replaces every occurrence of the development origin (not just the first).
 * @param {string} text
 * @param {string} origin
 */
function rewriteOrigin(text, origin) {
  return origin === DEV_ORIGIN ? text : text.split(DEV_ORIGIN).join(origin);
}

/**
 * Rewrites the development origin in generated JSON assets (functions metadata carries helpUrl
 * links), after every plugin has emitted them.
 */
class RewriteOriginInJsonPlugin {
  /** @param {string} origin */
  constructor(origin) {
    this.origin = origin;
  }

  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    if (this.origin === DEV_ORIGIN) return;
    compiler.hooks.thisCompilation.tap("RewriteOriginInJsonPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "RewriteOriginInJsonPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!name.endsWith(".json")) continue;
            const before = assets[name].source().toString();
            const after = rewriteOrigin(before, this.origin);
            if (after !== before) compilation.updateAsset(name, new sources.RawSource(after));
          }
        },
      );
    });
  }
}

/**
 * The localhost certificate made by office-addin-dev-certs, if present, for `webpack serve` run
 * directly. scripts/start.mjs makes the certificate first and passes its own server options.
 * @returns {import("webpack-dev-server").ServerConfiguration | "https"}
 */
function devServerTransport() {
  const dir = path.join(require("node:os").homedir(), ".office-addin-dev-certs");
  const key = path.join(dir, "localhost.key");
  const cert = path.join(dir, "localhost.crt");
  if (fs.existsSync(key) && fs.existsSync(cert)) {
    return { type: "https", options: { key: fs.readFileSync(key), cert: fs.readFileSync(cert) } };
  }
  return "https"; // webpack-dev-server's own self-signed certificate
}

/**
 * @param {Record<string, string | boolean> | undefined} _env
 * @param {{ mode?: "production" | "development" | "none" }} argv
 * @returns {import("webpack").Configuration}
 */
module.exports = (_env, argv) => {
  const mode = argv.mode ?? "production";
  const origin = addinOrigin(mode);
  const root = __dirname;

  return {
    mode,
    context: root,
    // Source maps only in development: a production build publishes no copy of the sources.
    devtool: mode === "production" ? false : "source-map",
    entry: {
      // Loaded first into the task pane page (shared runtime); registers every BJ.* function. It
      // carries the webpack runtime and the shared code (data + core), and still works alone.
      functions: "./src/functions/functions.ts",
      // The pane reuses functions.js's modules (dependOn): the dataset is on the page once.
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
    },
    output: {
      path: path.join(root, "dist"),
      filename: "[name].js",
      // Chunks loaded on demand carry a content hash: a pane left open across a deployment never
      // loads a new chunk into its old runtime (the entries keep fixed names: the manifest and the
      // page name them).
      chunkFilename: "[name].[contenthash:8].js",
      // globalThis, not self: functions.js also runs where `self` is absent (a bare JS context).
      globalObject: "globalThis",
      // Lazy chunks (the release channel) load from beside the page that loads the bundles: every
      // page is at the root of the build. An explicit "" instead of webpack's "auto", which needs
      // document.currentScript and so fails where functions.js runs without a document.
      publicPath: "",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: path.join(root, "tsconfig.json") } },
        },
        // Data, core and the adapter have no top-level effects: a module that only re-exports (the
        // indexes) then brings along just what each entry uses, so functions.js does not carry the
        // refresh planner or the briefing, which only the pane needs, and what the pane loads on
        // demand (insert, refresh, briefing chunks) stays out of taskpane.js.
        { test: /[\\/]src[\\/](core|data|office)[\\/]/, sideEffects: false },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      // ── Localized custom-functions metadata (functions.zh-CN.json) goes here. ──
      // The manifest's zh-CN bt:Override of Functions.Metadata.Url points at that file, and
      // RewriteOriginInJsonPlugin below rewrites its URLs like those of functions.json.
      new LocalizedFunctionsPlugin({
        output: "functions.zh-CN.json",
        table: path.join(root, "src/functions/functions.zh.json"),
        helpAnchorSuffix: "-zh",
      }),
      new RewriteOriginInJsonPlugin(origin),
      new (require("./scripts/release-channel-plugin"))(), // releases/index.json + the embedded release (docs/releases.md)
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the pane page hosts the custom functions too, so it loads both bundles.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        // Kept readable and well-formed (no omitted end tags): the page is tiny.
        minify: false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          // Every help page (help.html, functions.html, ...) is served at the root.
          { from: "src/help/*.html", to: "[name][ext]" },
          { from: "src/help/help.css", to: "help.css" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: { transformer: (content) => rewriteOrigin(content.toString("utf8"), origin), cache: false },
          },
        ],
      }),
    ],
    performance: { hints: mode === "production" ? "warning" : false },
    devServer: {
      port: DEV_PORT,
      server: devServerTransport(),
      static: false,
      // Excel fetches functions.json and functions.js from its own origin. Pages get their Content
      // Security Policy with frame-ancestors, which only a header can carry (scripts/csp.js).
      headers: (req) => {
        const kind = pageKind(req.path ?? req.url ?? "");
        return { "Access-Control-Allow-Origin": "*", ...(kind ? { "Content-Security-Policy": headerPolicy(kind) } : {}) };
      },
      client: { overlay: { warnings: false } },
    },
  };
};

module.exports.DEV_ORIGIN = DEV_ORIGIN;
module.exports.DEV_PORT = DEV_PORT;
module.exports.rewriteOrigin = rewriteOrigin;
