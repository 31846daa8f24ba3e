// @ts-check
/**
 * Build of the preview page: the add-in without Excel. A static site with relative URLs only:
 *
 *   index.html                 the page: a simulated workbook (src/preview) beside the task pane
 *                              (the production pane's bundle, CSS and root element, unchanged)
 *   preview/office-js/         office.js from the @microsoft/office-js package instead of
 *                              Microsoft's CDN, so nothing needs the network
 *   preview/*.js, *.css        the bundles (functions, taskpane, preview) and stylesheets
 *   assets/, help.html ...     what the pane links to, relative to the page
 *   releases/index.json,       the release channel, as the add-in's build publishes it (the embedded
 *   releases/<id>.json         release and its checksum: scripts/release-channel-plugin.js); the pane
 *                              reads it beside the page, so a newer release published here reaches
 *                              the preview too (docs/releases.md)
 *
 * One document, not a frame: office.js in a frame waits for an Office host to answer and never
 * reports "no host"; in a top-level page it does, and the pane then takes the preview's workbook.
 *
 *   npm run build:preview      writes dist-preview/ (production mode); any static server can publish it.
 *   npm start                  serves this beside the add-in (scripts/start.mjs), the page at "/".
 *
 * The pane bundle is the production one's source unchanged; the simulator is only in preview.js.
 */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const ReleaseChannelPlugin = require("./scripts/release-channel-plugin");

/** The files of @microsoft/office-js that office.js loads outside Office (found with the browser test). */
const OFFICE_JS_FILES = ["office.js", "o15apptofilemappingtable.js"];
/** Everything but index.html goes under this folder, so `npm start` serves it beside the add-in. */
const SUBDIR = "preview";

/**
 * @param {Record<string, string | boolean> | undefined} _env
 * @param {{ mode?: "production" | "development" | "none" }} argv
 * @returns {import("webpack").Configuration}
 */
module.exports = (_env, argv) => {
  const mode = argv.mode ?? "production";
  const root = __dirname;
  const officeDist = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");

  return {
    name: "preview",
    mode,
    context: root,
    devtool: mode === "production" ? false : "source-map",
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
      preview: { import: "./src/preview/preview.ts", dependOn: "functions" },
    },
    output: {
      path: path.join(root, "dist-preview"),
      filename: `${SUBDIR}/[name].js`,
      globalObject: "globalThis",
      publicPath: "auto",
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
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: "./src/preview/index.html",
        // preview.js sets the workbook hook before taskpane.js starts the pane.
        chunks: ["functions", "preview", "taskpane"],
        chunksSortMode: "manual",
        minify: false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          // The pane's own relative links (its icon, help) resolve against the page: at the root.
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: `${SUBDIR}/taskpane.css` },
          { from: "src/preview/preview.css", to: `${SUBDIR}/preview.css` },
          { from: "src/help/*.html", to: "[name][ext]" },
          { from: "src/help/help.css", to: "help.css" },
          // Microsoft's file as published: not minimized again.
          ...OFFICE_JS_FILES.map((file) => ({ from: path.join(officeDist, file), to: `${SUBDIR}/office-js/${file}`, info: { minimized: true } })),
        ],
      }),
      // releases/index.json and the embedded release, beside index.html: the pane's release channel.
      new ReleaseChannelPlugin(),
    ],
    performance: { hints: false },
  };
};

module.exports.SUBDIR = SUBDIR;
module.exports.OFFICE_JS_FILES = OFFICE_JS_FILES;
