/**
 * The pane's state (one typed store, store.ts) and what every panel is given: the store, the
 * strings of the pane's language, the status line (say), the busy state and the workbook port.
 *
 * Layer: task pane.
 */
import type { Figure, Language } from "../data";
import { type CitationStyle, type DatasetIndex, type FormulaCount, type RefreshReport, type RefreshTableReport, type TableGrid, activeDataset, tableGrid } from "../core";
import type { LoadReleaseOutcome } from "../channel";
import type { BriefingEntry, BriefingRefreshEntry, BriefingRefreshReport, FreezeReport, InsertMode, InsertedEntry, WorkbookPort } from "../office";
import type { PaneHost } from "./host";
import { type PaneStrings, STRINGS, TABLE_STYLES } from "./strings";
import { type Store, createStore } from "./store";

export interface Selection {
  readonly kind: "table" | "figure";
  readonly id: string;
}

export interface RefreshView {
  readonly stage: "plan" | "report";
  readonly report: RefreshReport;
  /** The briefings' part of the plan or report (refreshBriefings); null where it was not read. */
  readonly briefings: BriefingRefreshReport | null;
  /** The release the plan was made for: Apply refreshes to exactly this one. */
  readonly dataset: DatasetIndex;
}

export interface PaneState {
  readonly language: Language;
  /** True once the user chose a language: Office's display language no longer overrides it. */
  readonly languageChosen: boolean;
  readonly query: string;
  readonly selected: Selection | null;
  readonly tableLanguage: Language;
  readonly tableLanguageChosen: boolean;
  readonly includeSource: boolean;
  readonly style: string;
  readonly mode: InsertMode;
  readonly citeStyle: CitationStyle;
  readonly citeStyleChosen: boolean;
  readonly host: PaneHost | null;
  readonly busy: boolean;
  readonly inserted: readonly InsertedEntry[];
  /** The briefings the workbook records (listInserted's `briefings`). */
  readonly briefings: readonly BriefingEntry[];
  /** Each briefing's outcome in the last dry run, by record id (empty until one ran). */
  readonly briefingStatuses: ReadonlyMap<string, BriefingRefreshEntry>;
  /** The language of the next briefing: follows the pane's until the user picks one. */
  readonly briefingLanguage: Language;
  readonly briefingLanguageChosen: boolean;
  readonly damagedParts: number;
  /** The release channel: still being read, or its outcome (null if it could not run at all). */
  readonly channel: { readonly stage: "checking" } | { readonly stage: "done"; readonly outcome: LoadReleaseOutcome | null };
  /** Each tracked table's refresh status, by record id, from the last dry run (empty until one ran). */
  readonly statuses: ReadonlyMap<string, RefreshTableReport>;
  /** BJ.* formula cells per sheet, from the last dry run; null until one ran. */
  readonly formulaCells: readonly FormulaCount[] | null;
  /** The refresh plan under review, or the last refresh's report; null when neither is shown. */
  readonly refresh: RefreshView | null;
  /** "Also write the report to a Refresh log sheet". */
  readonly writeLog: boolean;
  /** What "Prepare for sharing" freezes. */
  readonly shareScope: "workbook" | "selection";
  /** The freeze plan under review; null when none is shown. */
  readonly sharePlan: FreezeReport | null;
  /** Whether this workbook opens the pane with it; null until read (or with no workbook). */
  readonly autoOpen: boolean | null;
}

/** The state a pane starts with, for a browser language tag such as navigator.language. */
export function initialState(language: Language): PaneState {
  return {
    language,
    languageChosen: false,
    query: "",
    selected: null,
    tableLanguage: language,
    tableLanguageChosen: false,
    includeSource: true,
    style: TABLE_STYLES[0],
    mode: "values",
    citeStyle: language === "zh" ? "gbt7714" : "apa",
    citeStyleChosen: false,
    host: null,
    busy: false,
    inserted: [],
    briefings: [],
    briefingStatuses: new Map(),
    briefingLanguage: language,
    briefingLanguageChosen: false,
    damagedParts: 0,
    channel: { stage: "checking" },
    statuses: new Map(),
    formulaCells: null,
    refresh: null,
    writeLog: false,
    shareScope: "workbook",
    sharePlan: null,
    autoOpen: null,
  };
}

export function createPaneStore(language: Language): Store<PaneState> {
  return createStore(initialState(language));
}

/** The table and briefing languages and the citation style follow the pane's language until the user picks them. */
export function followLanguage(state: PaneState): Partial<PaneState> {
  return {
    ...(state.tableLanguageChosen ? {} : { tableLanguage: state.language }),
    ...(state.briefingLanguageChosen ? {} : { briefingLanguage: state.language }),
    ...(state.citeStyleChosen ? {} : { citeStyle: state.language === "zh" ? "gbt7714" : "apa" }),
  };
}

/** The selected figure in the active release, if a figure is selected. */
export function selectedFigure(state: PaneState): Figure | undefined {
  return state.selected?.kind === "figure" ? activeDataset().figure(state.selected.id) : undefined;
}

/** The selected table's grid in the active release; null when none is selected (or the release has no such table). */
export function currentGrid(state: PaneState): TableGrid | null {
  const dataset = activeDataset();
  const id = state.selected?.kind === "table" ? state.selected.id : null;
  return id !== null && dataset.table(id) ? tableGrid(dataset, id, state.tableLanguage) : null;
}

export type Tone = "success" | "error" | "info";

/**
 * Words for the user: a fixed string, or a function of the language, so that a message shown
 * before a language switch is shown again in the new language.
 */
export type Words = string | ((language: Language) => string);

/** Words in a language. */
export const inLanguage = (words: Words, language: Language): string => (typeof words === "string" ? words : words(language));

/** An action offered beside a message (e.g. insert on a new sheet). */
export interface MessageAction {
  readonly label: Words;
  readonly run: () => Promise<void>;
}

/** What every panel is given by the composition root (taskpane.ts). */
export interface PaneContext {
  /** The pane's root element (#app). */
  readonly root: HTMLElement;
  readonly store: Store<PaneState>;
  /** The strings of the pane's language. */
  t(): PaneStrings;
  /**
   * Shows a message in the live region, with an optional action button. Words given as a function
   * of the language follow a language switch.
   */
  say(tone: Tone, message: Words, action?: MessageAction): void;
  /** Runs an action with the busy state; shows the progress bar when it takes over 300 ms. */
  busy<T>(work: () => Promise<T>): Promise<T>;
  /** The workbook port, waiting for the host if needed; says why and gives null when there is none. */
  requirePort(): Promise<WorkbookPort | null>;
}

/** A panel: renders itself from the store into the section it was given. */
export interface Panel {
  render(): void;
}

export const langAttr = (language: Language): string => STRINGS[language].htmlLang;
