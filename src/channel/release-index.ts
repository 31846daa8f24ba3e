/**
 * The release channel's index: `releases/index.json`, published next to the add-in.
 *
 *   { "schema": 1,
 *     "releases": [ { "id": "2025-01-15.1", "file": "2025-01-15.1.json",
 *                     "sha256": "<64 lowercase hex>", "bytes": 23456, "published": "2025-01-15" } ] }
 *
 * `file` is a bare file name in the same folder as the index (no path, no URL), `sha256` and
 * `bytes` describe the file's exact bytes, `published` is the day the entry was added. The newest
 * entry is the one with the newest release id (never the list order). docs/releases.md has the rest.
 *
 * Layer: release channel (pure part: no network here).
 */
import { z } from "zod";
import { compareReleaseIds } from "../core/active-release";

/** The index format this add-in reads. A different `schema` is refused as malformed. */
export const INDEX_SCHEMA_VERSION = 1;

/** The index's path, relative to the add-in's base URL. */
export const INDEX_PATH = "releases/index.json";

/** Largest release file (and index) accepted, in bytes. */
export const DEFAULT_MAX_BYTES = 1_000_000;

export const ReleaseIndexEntry = z.object({
  id: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d+$/, "release ids are YYYY-MM-DD.N"),
  file: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/, "file is a bare .json file name, no path")
    .refine((file) => !file.includes(".."), "file is a bare .json file name, no path"),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "sha256 is 64 lowercase hex digits"),
  bytes: z.number().int().positive(),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD"),
});
export type ReleaseIndexEntry = z.infer<typeof ReleaseIndexEntry>;

export const ReleaseIndex = z
  .object({
    schema: z.literal(INDEX_SCHEMA_VERSION),
    releases: z.array(ReleaseIndexEntry).min(1),
  })
  .superRefine((index, ctx) => {
    const seen = new Set<string>();
    for (const entry of index.releases) {
      if (seen.has(entry.id)) ctx.addIssue({ code: "custom", message: `release ${entry.id} is listed twice` });
      seen.add(entry.id);
    }
  });
export type ReleaseIndex = z.infer<typeof ReleaseIndex>;

/** The entry with the newest release id. */
export function newestEntry(index: ReleaseIndex): ReleaseIndexEntry {
  return index.releases.reduce((newest, entry) => (compareReleaseIds(entry.id, newest.id) > 0 ? entry : newest));
}

/**
 * Up to `count` zod issues as "path: message" lines, for messages. With the parsed `input`, an
 * array index is shown as the id of the item there: `figures[fdi_new_enterprises].value`.
 */
export function issueLines(error: z.ZodError, input?: unknown, count = 3): string[] {
  const lines = error.issues.slice(0, count).map((issue) => {
    let path = "";
    let node: unknown = input;
    for (const key of issue.path) {
      const child: unknown =
        typeof node === "object" && node !== null && (typeof key === "string" || typeof key === "number")
          ? (node as Record<string | number, unknown>)[key]
          : undefined;
      const id = typeof child === "object" && child !== null ? (child as { id?: unknown }).id : undefined;
      if (typeof key === "number") path += typeof id === "string" ? `[${id}]` : `[${key}]`;
      else path += path === "" ? String(key) : `.${String(key)}`;
      node = child;
    }
    return path === "" ? issue.message : `${path}: ${issue.message}`;
  });
  if (error.issues.length > count) lines.push(`… ${error.issues.length - count} more`);
  return lines;
}
