/**
 * The "Refresh figures" ribbon command: the manifest's ExecuteFunction button names the function
 * that src/commands/refresh-command.ts associates, in the shared runtime; the handler applies the
 * refresh without asking, reports afterwards in the user's language, and always completes the event.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REFRESH_COMMAND_ID, registerRefreshCommand, runRefreshCommand } from "../../src/commands/refresh-command";
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

describe("the refresh command", () => {
  it("applies the refresh without asking, reports afterwards, and completes the event", async () => {
    const { host, port, refresh } = setup();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "zh"), { address: "Sheet1!B2" });
    setActiveRelease(REVISED.release, { kind: "channel" });
    let handler: ((event?: unknown) => void) | undefined;
    registerRefreshCommand(
      (id, fn) => {
        expect(id).toBe(REFRESH_COMMAND_ID);
        handler = fn;
      },
      { refresh: (release, options) => refresh(release, options), release: () => REVISED, language: () => "zh", notify: (message, report) => messages.push([message, report]), writeLog: true },
    );
    const messages: [string, RefreshReport | null][] = [];
    const completed = new Promise<void>((resolve) => handler?.({ completed: resolve }));
    await completed;
    expect(messages).toHaveLength(1);
    const [message, report] = messages[0] ?? ["", null];
    expect(report?.tables[0]?.status).toBe("stale");
    expect(message).toBe(summarizeReport(report as RefreshReport, "zh"));
    expect(report?.logSheet).toBe("刷新日志");
    expect((await read(host, "Sheet1!C4")).values).toEqual([[1950]]);
  });

  it("reports a failure in the user's language, never throws, and still completes the event", async () => {
    const messages: string[] = [];
    const failing = Object.assign(new Error("boom"), { code: "GeneralException" });
    const report = await runRefreshCommand({ refresh: () => Promise.reject(failing), release: () => REVISED, language: () => "en", notify: (message) => messages.push(message) });
    expect(report).toBeNull();
    expect(messages).toEqual(["Excel reported an error (GeneralException). Nothing more was changed."]);
    let done = false;
    registerRefreshCommand((_id, fn) => fn({ completed: () => (done = true) }), { refresh: () => Promise.reject(failing), release: () => REVISED, language: () => "zh", notify: () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(true);
  });
});
