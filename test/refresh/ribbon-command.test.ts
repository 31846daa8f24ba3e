/**
 * The "Refresh figures" ribbon command: the manifest's ExecuteFunction button names the function
 * that src/commands/ribbon.ts associates at the top level of the shared runtime's script, before
 * any await (a late association loses the first click: office-js #5176, #3378, #2744, #1029); the
 * handler waits for Office and for the page's dependencies itself, applies the refresh without
 * asking, reports afterwards in the user's language, and only then completes the event.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REFRESH_COMMAND_ID, type RefreshCommandDeps, runRefreshCommand } from "../../src/commands/refresh-command";
import { type OfficeLike, associateRibbonCommands, createRefreshHandler, deferred } from "../../src/commands/ribbon";
import type { RefreshReport } from "../../src/core";
import { resetActiveRelease, setActiveRelease, summarizeReport, tableGrid } from "../../src/core";
import { DEV_ORIGIN, PROJECT_ROOT, manifestViolations, parseXml } from "../manifest/manifest-checks";
import { EMBEDDED, read, revisedIndex, setup } from "./helpers";

const REVISED = revisedIndex();
const manifest = readFileSync(join(PROJECT_ROOT, "manifest.xml"), "utf8");
const OV = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";

afterEach(() => resetActiveRelease());

describe("the Refresh figures button", () => {
  it("is an ExecuteFunction button naming the command's id, with English and Chinese labels", () => {
    const doc = parseXml(manifest);
    const names = Array.from(doc.getElementsByTagNameNS(OV, "FunctionName")).map((element) => element.textContent?.trim());
    expect(names).toEqual([REFRESH_COMMAND_ID]);
    expect(manifest).toContain('DefaultValue="Refresh figures"');
    expect(manifest).toContain('Value="刷新数据"');
    expect(manifestViolations(manifest, { origin: DEV_ORIGIN, assetsDir: join(PROJECT_ROOT, "assets") })).toEqual([]);
  });

  it("fails the manifest rules when the function file is not the shared runtime page", () => {
    const broken = manifest.replace('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Help.Url"/>');
    expect(broken).not.toBe(manifest);
    expect(manifestViolations(broken, { origin: DEV_ORIGIN, assetsDir: join(PROJECT_ROOT, "assets") }).some((v) => /FunctionFile/.test(v))).toBe(true);
  });
});

/** An Office global that records associations. */
function fakeOffice(onReady: () => Promise<unknown> = () => Promise.resolve()): { office: OfficeLike; handlers: Map<string, (event?: unknown) => void> } {
  const handlers = new Map<string, (event?: unknown) => void>();
  return { office: { actions: { associate: (id, fn) => handlers.set(id, fn) }, onReady }, handlers };
}

describe("the association", () => {
  it("happens synchronously when the module is evaluated, before any await, with the Office global", () => {
    const { office, handlers } = fakeOffice();
    const global = globalThis as { Office?: unknown };
    const before = global.Office;
    global.Office = office;
    try {
      let associated: unknown;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        associated = (require("../../src/commands/ribbon") as { ribbonAssociated: boolean }).ribbonAssociated;
        // Still inside the same synchronous turn as the module's evaluation: nothing awaited yet.
        expect([...handlers.keys()]).toEqual([REFRESH_COMMAND_ID]);
      });
      expect(associated).toBe(true);
    } finally {
      global.Office = before;
    }
  });

  it("is skipped, without failing, where there is no Office.actions (a plain page, the preview) or it throws", () => {
    expect(associateRibbonCommands(undefined, deferred<RefreshCommandDeps>().promise)).toBe(false);
    expect(associateRibbonCommands({}, deferred<RefreshCommandDeps>().promise)).toBe(false);
    const throwing: OfficeLike = {
      actions: {
        associate: () => {
          throw new Error("not here");
        },
      },
    };
    expect(associateRibbonCommands(throwing, deferred<RefreshCommandDeps>().promise)).toBe(false);
  });

  it("is the first import of the pane's entry module, the shared runtime's script", () => {
    const source = readFileSync(join(PROJECT_ROOT, "src/taskpane/taskpane.ts"), "utf8");
    const imports = [...source.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports[0]).toBe("../commands/ribbon");
  });
});

describe("the refresh command", () => {
  it("a click before the page is ready waits for Office and the page, then refreshes, reports and completes the event", async () => {
    const { host, port, refresh } = setup();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "zh"), { address: "Sheet1!B2" });
    setActiveRelease(REVISED.release, { kind: "channel" });
    const officeReady = deferred<void>();
    const deps = deferred<RefreshCommandDeps>();
    const { office, handlers } = fakeOffice(() => officeReady.promise);
    associateRibbonCommands(office, deps.promise);
    const messages: [string, RefreshReport | null][] = [];
    let completed = false;
    const done = new Promise<void>((resolve) =>
      handlers.get(REFRESH_COMMAND_ID)?.({
        completed: () => {
          completed = true;
          resolve();
        },
      }),
    );
    // The first click arrives while the runtime is still starting: nothing runs, nothing completes.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([completed, messages.length, host.syncCount]).toEqual([false, 0, 2]);
    officeReady.resolve();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([completed, host.syncCount]).toEqual([false, 2]);
    deps.resolve({ refresh: (release, options) => refresh(release, options), release: () => REVISED, language: () => "zh", notify: (message, report) => messages.push([message, report]), writeLog: true });
    await done;
    // Reported before completion, once.
    expect(messages).toHaveLength(1);
    const [message, report] = messages[0] ?? ["", null];
    expect(report?.tables[0]?.status).toBe("stale");
    expect(message).toBe(summarizeReport(report as RefreshReport, "zh"));
    expect(report?.logSheet).toBe("刷新日志");
    expect((await read(host, "Sheet1!C4")).values).toEqual([[1950]]);
  });

  it("reports a failure in the user's language, never throws, and still completes the event", async () => {
    const messages: [string, boolean][] = [];
    const failing = Object.assign(new Error("boom"), { code: "GeneralException" });
    const report = await runRefreshCommand({ refresh: () => Promise.reject(failing), release: () => REVISED, language: () => "en", notify: (message, _report, ok) => messages.push([message, ok]) });
    expect(report).toBeNull();
    expect(messages).toEqual([["Excel reported an error (GeneralException). Nothing more was changed.", false]]);
    let done = false;
    const handler = createRefreshHandler(Promise.resolve({ refresh: () => Promise.reject(failing), release: () => REVISED, language: () => "zh", notify: () => undefined }), () => Promise.resolve());
    handler({ completed: () => (done = true) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(true);
  });

  it("completes the event when the page never provides what the command needs, and when Office fails to start", async () => {
    const never = deferred<RefreshCommandDeps>().promise;
    let completions = 0;
    createRefreshHandler(never, () => Promise.resolve(), 20)({ completed: () => completions++ });
    createRefreshHandler(never, () => Promise.reject(new Error("no Office")), 20)({ completed: () => completions++ });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(completions).toBe(2);
  });
});
