/**
 * The one way the bench builds project TypeScript for Node: webpack + ts-loader (transpile only),
 * production mode, each entry as a CommonJS file `<name>.cjs` in `out`. Shared by every bench section.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import webpack from "webpack";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Bundles `entries` ({ name: "./src/…ts" }) into `out`; resolves to { name: "<out>/<name>.cjs" }.
 * @param {Record<string, string>} entries
 * @param {string} out
 * @returns {Promise<Record<string, string>>}
 */
export async function bundleForNode(entries, out) {
  const config = {
    mode: "production",
    target: "node",
    context: ROOT,
    entry: entries,
    output: { path: out, filename: "[name].cjs", library: { type: "commonjs2" } },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: join(ROOT, "tsconfig.json") } },
        },
      ],
    },
    devtool: false,
    performance: { hints: false },
  };
  await new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve(undefined);
    });
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, join(out, `${name}.cjs`)]));
}
