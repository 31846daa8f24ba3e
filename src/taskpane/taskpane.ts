/**
 * The task pane's composition root: builds the page from its panels (catalog, preview with the
 * one-figure actions, insert, briefing, cite, inserted and refresh with the revision notice, share,
 * status bar), one typed store (pane-state.ts) they all read and
 * write, the host (Office or the preview page), the release channel, and the ribbon command.
 * Each panel renders itself from the store and subscribes to the keys it shows; the language,
 * the host and the release re-render them all from here.
 *
 * The release: the page's one active release (core's activeDataset), which the release channel
 * (src/channel) sets at start from `releases/index.json` beside the page. Everything the pane shows
 * or writes comes from it, and it re-renders when it changes. This page is also the shared runtime
 * of the custom functions and of the ribbon's "Refresh figures" command, which it registers here.
 *
 * Everything is rendered with textContent (dom.ts); strings come from strings.ts; pure logic
 * (catalog, search, messages, the store) lives beside this file and is unit-tested in jest.
 *
 * Layer: task pane (the only DOM code of production).
 */
// First: associates the ribbon command at the top level of this script, before any await (ribbon.ts).
import { provideRefreshCommand } from "../commands/ribbon";
import { CURRENT_RELEASE } from "../data";
import { type DatasetIndex, activeDataset, compareReleaseIds, setActiveRelease, subscribeActiveRelease } from "../core";
// The channel itself (and zod, which checks a release) is loaded on demand, after the pane is drawn: see startChannel.
import type { LoadReleaseOutcome, ReleaseCache } from "../channel";
import type { WorkbookPort } from "../office";
import { createBriefingPanel } from "./briefing-panel";
import { createCatalogPanel } from "./catalog-panel";
import { createCitePanel } from "./cite-panel";
import { byId, el, fill } from "./dom";
import { type PaneHost, isDarkColour, languageOf, resolveHost } from "./host";
import { createInsertPanel } from "./insert-panel";
import { createInsertedPanel } from "./inserted-panel";
import { type PaneContext, type PaneState, createPaneStore, followLanguage, langAttr } from "./pane-state";
import { figureActions } from "./figure-actions";
import { createPreviewPanel } from "./preview-panel";
import { createSharePanel } from "./share-panel";
import { createStatusBar } from "./status-bar";
import { type PaneStrings, STRINGS } from "./strings";

const store = createPaneStore(languageOf(navigator.language));
const t = (): PaneStrings => STRINGS[store.get().language];

/** Resolves once Office (or the preview page) has said which workbook the pane works on. */
let hostReady: Promise<PaneHost> = new Promise(() => undefined);

interface Pane {
  readonly ctx: PaneContext;
  renderAll(): void;
  refreshInserted(announce: boolean): Promise<void>;
  releaseChanged(dataset: DatasetIndex): void;
  renderRelease(): void;
  readAutoOpen(): Promise<void>;
}

let pane: Pane;

/** Builds the page once from its panels, in page order. */
function buildPane(root: HTMLElement): Pane {
  const appName = el("h1", { id: "app-name" });
  const langSwitch = el("button", { type: "button", id: "lang-switch", class: "button subtle" });
  const footer = el("footer", { id: "pane-footer", class: "caption" });

  // The catalog panel owns the search box, where focus goes when a message is dismissed.
  let focusSearch = (): void => undefined;
  const statusBar = createStatusBar({ store, t, root }, () => focusSearch());
  const ctx: PaneContext = {
    root,
    store,
    t,
    say: statusBar.say,
    busy: statusBar.busy,
    /**
     * The workbook port, waiting for the host if an action comes before Office is ready (the pane is
     * usable at once; only a write waits). Says why when there is no workbook.
     */
    async requirePort(): Promise<WorkbookPort | null> {
      const host = store.get().host ?? (await statusBar.busy(() => hostReady));
      const port = host.port;
      const { officeError } = host;
      if (!port) statusBar.say("info", (l) => (officeError ? STRINGS[l].officeFailed(officeError) : STRINGS[l].noWorkbook));
      return port;
    },
  };
  const catalog = createCatalogPanel(ctx);
  focusSearch = catalog.focusSearch;
  const inserted = createInsertedPanel(ctx);
  const reread = (): Promise<void> => inserted.refreshInserted(false);
  const preview = createPreviewPanel(ctx, figureActions(ctx, reread));
  const insert = createInsertPanel(ctx, reread);
  const briefing = createBriefingPanel(ctx, reread);
  const cite = createCitePanel(ctx);
  const share = createSharePanel(ctx, reread);
  const panels = [catalog, preview, insert, briefing, cite, inserted, share, statusBar];

  root.replaceChildren(
    el("header", { class: "pane-header" }, el("img", { src: "assets/icon-32.png", width: 24, height: 24, alt: "" }), appName, langSwitch),
    el("main", {}, ...inserted.noticeNodes, ...catalog.nodes, ...preview.nodes, ...insert.nodes, ...briefing.nodes, ...cite.nodes, ...inserted.nodes, ...share.nodes),
    ...statusBar.nodes,
    footer,
  );

  langSwitch.addEventListener("click", () => {
    const language = store.get().language === "en" ? "zh" : "en";
    store.set({ language, languageChosen: true, ...followLanguage({ ...store.get(), language }) });
  });

  function renderAll(): void {
    const text = t();
    const language = store.get().language;
    document.documentElement.lang = text.htmlLang;
    document.title = text.appName;
    appName.textContent = text.appName;
    langSwitch.textContent = text.otherLanguage;
    langSwitch.lang = langAttr(language === "en" ? "zh" : "en");
    langSwitch.setAttribute("aria-label", `${text.languageSwitch}: ${text.otherLanguage}`);
    fill(footer, el("a", { href: text.helpHref, target: "_blank", rel: "noopener" }, text.help), ` · ${text.releaseMeta(activeDataset().release.id)}`);
    for (const panel of panels) panel.render();
  }
  // The language and the host change what every panel shows.
  store.subscribe(["language", "host"], renderAll);

  return {
    ctx,
    renderAll,
    refreshInserted: inserted.refreshInserted,
    releaseChanged: inserted.releaseChanged,
    renderRelease: statusBar.renderRelease,
    readAutoOpen: share.readAutoOpen,
  };
}

function applyTheme(host: PaneHost): void {
  if (host.themeBackground) document.documentElement.dataset.theme = isDarkColour(host.themeBackground) ? "dark" : "light";
}

/** The release the pane, the functions and the ribbon use changed: show and list everything anew. */
let lastReleaseId = activeDataset().release.id;
function onReleaseChanged(dataset: DatasetIndex): void {
  // Release ids are never reused: the same id (e.g. the channel serving the embedded release) is the same data.
  const newRelease = dataset.release.id !== lastReleaseId;
  lastReleaseId = dataset.release.id;
  pane.releaseChanged(dataset);
  pane.renderAll();
  if (newRelease) void pane.refreshInserted(false);
}

/** Resolves once the release channel has been read (whatever the answer). */
let channelReady: Promise<void> = Promise.resolve();

/** The page's local storage as a release cache, or none where the browser refuses storage. */
function releaseCache(storageReleaseCache: (storage: Storage) => ReleaseCache): ReleaseCache | undefined {
  try {
    return storageReleaseCache(window.localStorage);
  } catch {
    return undefined;
  }
}

/**
 * Reads the release channel beside the page (`releases/index.json`) and makes its newest good
 * release the one in use; a rejected release leaves the cached or embedded one, and the release
 * line says what failed. Never rejects.
 */
async function startChannel(): Promise<void> {
  let outcome: LoadReleaseOutcome | null = null;
  try {
    // A chunk of its own (channel.js, with zod): the pane is interactive before it arrives.
    const { activateChannelRelease, storageReleaseCache } = await import(/* webpackChunkName: "channel" */ "./channel-chunk");
    const cache = releaseCache(storageReleaseCache);
    outcome = await activateChannelRelease({ baseUrl: new URL("./", location.href).href, ...(cache ? { cache } : {}) });
  } catch {
    // activateChannelRelease does not reject for a bad channel. The chunk failing to load (offline
    // without it cached) leaves the embedded release, which the release line names.
  }
  // The newest good release: never one older than the release built into the add-in (a stale index).
  if (compareReleaseIds(activeDataset().release.id, CURRENT_RELEASE.id) < 0) setActiveRelease(CURRENT_RELEASE, { kind: "embedded" });
  store.set({ channel: { stage: "done", outcome } });
  document.documentElement.dataset.release = "ready";
}

/**
 * The ribbon's "Refresh figures" (an ExecuteFunction command of the shared runtime, associated at
 * the top level by src/commands/ribbon.ts): what it needs, given once Office is ready. It applies
 * a refresh of the tables and the briefings to the release in use without asking (once the
 * channel has answered), then reports in the pane's status line and re-reads the list.
 */
function registerRibbonCommand(port: WorkbookPort): void {
  provideRefreshCommand({
    refresh: async (_release, options) => {
      await channelReady;
      return port.refreshTables(activeDataset(), options);
    },
    refreshBriefings: async () => {
      await channelReady;
      return port.refreshBriefings(activeDataset());
    },
    release: () => activeDataset(),
    language: () => store.get().language,
    notify: (message, _report, ok) => {
      pane.ctx.say(ok ? "success" : "error", message);
      void pane.refreshInserted(false);
    },
  });
}

async function start(): Promise<void> {
  pane = buildPane(byId("app", HTMLElement));
  subscribeActiveRelease(onReleaseChanged);
  hostReady = resolveHost();
  pane.renderAll();
  channelReady = startChannel();
  // Interactive from here: browsing, search, preview and citations need no host; writes await it.
  performance.mark("bj-pane-interactive");
  const host = await hostReady;
  if (host.kind === "excel" && host.port) registerRibbonCommand(host.port);
  const patch: Partial<PaneState> = { host };
  if (host.displayLanguage && !store.get().languageChosen) {
    Object.assign(patch, { language: host.displayLanguage }, followLanguage({ ...store.get(), language: host.displayLanguage }));
  }
  applyTheme(host);
  // One render of every panel, in the host's language.
  store.set(patch);
  await Promise.all([pane.refreshInserted(false), pane.readAutoOpen()]);
  document.documentElement.dataset.pane = "ready";
  performance.mark("bj-pane-host-ready");
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => void start());
} else {
  void start();
}
