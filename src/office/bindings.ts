/**
 * The binding record: one custom XML part, namespace BINDINGS_NAMESPACE, holding every inserted
 * table as JSON inside the root element:
 *   <bindings xmlns="urn:bj-open-stats:bindings:1">{"version":1,"tables":[...]}</bindings>
 * JSON keeps the format trivial to evolve; the XML wrapper is what Excel requires of a part.
 */
import type { Language } from "../data";
import type { TableBinding } from "./port";

export const BINDINGS_NAMESPACE = "urn:bj-open-stats:bindings:1";

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

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

/**
 * Reads the bindings from a part's XML. Entries that do not have the expected shape are dropped
 * (a damaged record must not block inserting); an unreadable part gives an empty list.
 */
export function parseBindings(xml: string): TableBinding[] {
  const start = xml.indexOf(">", xml.indexOf("<bindings"));
  const end = xml.lastIndexOf("</bindings>");
  if (start < 0 || end < start) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(unescapeXml(xml.slice(start + 1, end)));
  } catch (error: unknown) {
    if (error instanceof SyntaxError) return [];
    throw error;
  }
  const tables = typeof parsed === "object" && parsed !== null ? (parsed as { tables?: unknown }).tables : undefined;
  return Array.isArray(tables) ? tables.filter(isBinding) : [];
}

/** Adds or replaces (by table name, case-insensitively) a binding. */
export function upsertBinding(tables: readonly TableBinding[], binding: TableBinding): TableBinding[] {
  const name = binding.tableName.toLowerCase();
  return [...tables.filter((each) => each.tableName.toLowerCase() !== name), binding];
}
