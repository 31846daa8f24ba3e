/** The names and style of the tables the add-in inserts. */

/** The table style of inserted tables. */
export const TABLE_STYLE = "TableStyleMedium2";

/** A table name Excel accepts: "BJ_" + the table id with anything but letters, digits, _ and . replaced. */
export function baseTableName(tableId: string): string {
  return `BJ_${tableId.replace(/[^\p{L}\p{N}_.]/gu, "_")}`;
}

/** The base name, or base_2, base_3 ... : the first not taken (names compare case-insensitively). */
export function uniqueTableName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`.toLowerCase())) return `${base}_${n}`;
}
