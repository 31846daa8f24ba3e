/**
 * Finding the briefing records (their custom XML parts) and their sheets: what the inserted list
 * needs at every start, kept apart from briefing.ts (insert, remove, refresh), which loads lazily.
 * listBriefings: 2 syncs (the parts, then their XML with every sheet's name and id); 1 with none.
 */
import { BRIEFING_NAMESPACE, parseBriefingRecord } from "../core";
import { toAdapterError } from "./errors";
import type { ExcelRun, IsSetSupported, XlContext, XlCustomXmlPart, XlWorksheet } from "./excel-api";
import type { BriefingEntry, BriefingsReport, DamagedBindingsPart } from "./port";

/** What the briefing code needs of the workbook adapter. */
export interface BriefingDeps {
  readonly run: ExcelRun;
  readonly isSetSupported: IsSetSupported;
  readonly newRecordId: () => string;
  readonly now: () => Date;
}

export interface LocatedBriefing {
  readonly entry: BriefingEntry;
  readonly part: XlCustomXmlPart;
  readonly sheet: XlWorksheet | null;
}

/**
 * Queues the reads of every briefing record (the parts, every sheet's name, id and visibility), to
 * ride the caller's next sync; `read()` then fetches the parts' XML (one more sync, none when the
 * workbook holds no briefing) and finds each record's sheet (by id, then by name).
 */
export function queueBriefings(context: XlContext, isSetSupported: IsSetSupported): { read(): Promise<{ entries: LocatedBriefing[]; damagedParts: DamagedBindingsPart[] }> } {
  if (!isSetSupported("ExcelApi", "1.5")) return { read: () => Promise.resolve({ entries: [], damagedParts: [] }) };
  const parts = context.workbook.customXmlParts.getByNamespace(BRIEFING_NAMESPACE).load("items/id");
  // The same collection locate() of tables loads when this rides its sync: ask for the same properties.
  const sheets = context.workbook.worksheets.load("items/name, items/id");
  return {
    async read() {
      const xmls = parts.items.map((part) => ({ part, xml: part.getXml() }));
      if (xmls.length > 0) await context.sync();
      const entries: LocatedBriefing[] = [];
      const damagedParts: DamagedBindingsPart[] = [];
      for (const { part, xml } of xmls) {
        const parsed = parseBriefingRecord(xml.value);
        if (!parsed.ok) {
          damagedParts.push({ partId: part.id, damage: parsed.damage });
          continue;
        }
        const { record } = parsed;
        const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
        const sheet = sheets.items.find((each) => record.sheet.id !== null && each.id === record.sheet.id) ?? sheets.items.find((each) => same(each.name, record.sheet.name)) ?? null;
        entries.push({
          entry: { recordId: record.recordId, record, partId: part.id, found: sheet ? { sheet: sheet.name, sheetId: sheet.id } : null },
          part,
          sheet,
        });
      }
      return { entries, damagedParts };
    },
  };
}

/** Every briefing record, with its sheet where found. 2 syncs (1 with none). */
export async function locate(context: XlContext, isSetSupported: IsSetSupported): Promise<{ entries: LocatedBriefing[]; damagedParts: DamagedBindingsPart[] }> {
  const queued = queueBriefings(context, isSetSupported);
  if (isSetSupported("ExcelApi", "1.5")) await context.sync();
  return queued.read();
}

/** The briefings the workbook records, and the parts that could not be read. 2 syncs (1 with none). */
export async function listBriefings(deps: BriefingDeps): Promise<BriefingsReport> {
  if (!deps.isSetSupported("ExcelApi", "1.5")) return { entries: [], damagedParts: [] };
  try {
    return await deps.run(async (context) => {
      const located = await locate(context, deps.isSetSupported);
      return { entries: located.entries.map((each) => each.entry), damagedParts: located.damagedParts };
    });
  } catch (error: unknown) {
    throw toAdapterError(error);
  }
}

