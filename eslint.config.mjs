// ESLint 9 flat config: typescript-eslint (syntax only, no type-aware rules, so lint stays fast;
// `npm run typecheck` does the type checking), the Office add-in rules, and the project's layer and
// safety rules.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

/**
 * DOM sinks that parse HTML: the team renders untrusted strings with textContent only. With no-eval,
 * no-implied-eval and no-new-func below, test/security/lint-rules.test.ts shows each is caught in src/.
 */
const htmlSinks = [
  {
    selector:
      "AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/], " +
      "AssignmentExpression > MemberExpression.left[computed=true][property.value=/^(innerHTML|outerHTML)$/]",
    message: "Render text with textContent; never assign innerHTML/outerHTML.",
  },
  {
    selector:
      "CallExpression[callee.property.name=/^(write|writeln)$/][callee.object.name='document'], " +
      "CallExpression[callee.property.name=/^(write|writeln)$/][callee.object.property.name='document'], " +
      "CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment)$/]",
    message: "No insertAdjacentHTML / createContextualFragment / document.write: build nodes and set textContent.",
  },
];

export default tseslint.config(
  {
    ignores: ["dist/**", "dist-preview/**", "node_modules/**", "coverage/**", "test-results/**", ".certs/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Every source and test file.
    files: ["**/*.{ts,mts,cts,js,mjs,cjs}"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-restricted-syntax": ["error", ...htmlSinks],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": ["error", { "ts-expect-error": "allow-with-description" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Office.js batching rules (the team's standard: no sync in a loop, load before read).
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/call-sync-after-load": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "warn",
      "office-addins/no-office-initialize": "error",
    },
  },
  {
    // Production code may not reach the simulated Excel host: only the simulator itself, the
    // browser preview and the tests import it.
    files: ["src/**/*.{ts,js,mjs}"],
    ignores: ["src/simulated-excel/**", "src/preview/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/simulated-excel", "**/simulated-excel/**"],
              message: "src/simulated-excel is for tests and the preview page only; production bundles must not import it.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/**/*.{ts,js}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Build scripts, configs and tests run under Node.
    files: ["*.{js,mjs,cjs}", "scripts/**/*.{js,mjs,cjs}", "test/**/*.{ts,js,mjs}", ".ci/**/*.{js,mjs}"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // package.json has no "type": "module", so every .js file is CommonJS (configs, build plugins).
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
