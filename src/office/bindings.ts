/**
 * The binding record: custom XML parts of namespace BINDINGS_NAMESPACE, each holding inserted
 * tables as JSON inside the root element:
 *   <bindings xmlns="urn:bj-open-stats:bindings:1">{"version":1,"tables":[...]}</bindings>
 * JSON keeps the format trivial to evolve; the XML wrapper is what Excel requires of a part.
 * Version 1 is READ ONLY since version 2 (src/core/tracking.ts, docs/tracking-record.md): the
 * adapter lists these bindings but never writes or rewrites a version-1 part.
 * `serializeBindings` stays for tests and tools that need a version-1 workbook.
 */
import type { Language } from "../data";
import { elementJson, escapeXml } from "../core/tracking";
import type { TrackingRecord } from "../core";
import type { TableBinding } from "./port";

export const BINDINGS_NAMESPACE = "urn:bj-open-stats:bindings:1";

export function serializeBindings(tables: readonly TableBinding[]): string {
  return `<bindings xmlns="${BINDINGS_NAMESPACE}">${escapeXml(JSON.stringify({ version: 1, tables }))}</bindings>`;
}

function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "zh";
}

function isBinding(value: unknown): value is TableBinding {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.tableName === "string" &&
    typeof record.tableId === "string" &&
    typeof record.releaseId === "string" &&
    isLanguage(record.language) &&
    typeof record.sheet === "string"
  );
}

/** Why a bindings part could not be read. */
export type BindingsDamage =
  /** No <bindings> root element with a body. */
  | "not_bindings_xml"
  /** The body is not JSON. */
  | "invalid_json"
  /** JSON, but not { version: 1, tables: [...] }: perhaps written by a newer add-in. */
  | "unknown_version"
  /** At least one entry of `tables` is not a binding. */
  | "invalid_entry";

/**
 * What reading one part gives: every binding, or the damage. A part is readable only if all of it
 * is: a part with one bad entry counts as damaged as a whole, because rewriting it would drop that
 * entry. Damaged parts must be left as they are (never rewritten), so that nothing recorded is lost.
 */
export type ParsedBindings =
  | { readonly ok: true; readonly bindings: readonly TableBinding[] }
  | { readonly ok: false; readonly damage: BindingsDamage };

/** Reads the bindings from a part's XML; reports damage instead of throwing. */
export function parseBindings(xml: string): ParsedBindings {
  const body = elementJson(xml, "bindings");
  if (!body.ok) return { ok: false, damage: body.damage === "not_element" ? "not_bindings_xml" : "invalid_json" };
  const parsed = body.value;
  if (typeof parsed !== "object" || parsed === null) return { ok: false, damage: "unknown_version" };
  const record = parsed as { version?: unknown; tables?: unknown };
  if (record.version !== 1 || !Array.isArray(record.tables)) return { ok: false, damage: "unknown_version" };
  const tables: unknown[] = record.tables;
  if (!tables.every(isBinding)) return { ok: false, damage: "invalid_entry" };
  return { ok: true, bindings: tables.filter(isBinding) };
}

/** The binding view of a version-2 record (what listBindings reports). */
export function bindingOf(record: TrackingRecord): TableBinding {
  return {
    recordId: record.recordId,
    tableName: record.table?.name ?? "",
    tableId: record.tableId,
    releaseId: record.releaseId,
    language: record.language,
    sheet: record.sheet.name,
    mode: record.mode,
  };
}
