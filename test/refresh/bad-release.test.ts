/**
 * A bad release never reaches a workbook (issue 9): for each way a channel release can be bad, the
 * channel rejects it with a message in both languages, the release in use stays, and the refresh
 * that the pane or the ribbon then runs with the active release changes nothing (up to date,
 * 0 write operations, the saved workbook identical).
 */
import { activateChannelRelease } from "../../src/channel";
import { activeDataset, resetActiveRelease, tableGrid } from "../../src/core";
import { BASE_URL, ChannelSite, fixtureText } from "../channel/channel-site";
import { EMBEDDED, measured, setup } from "./helpers";

const REVISED_TEXT = fixtureText("revised.json");
const FIVE_MB = 5 * 1024 * 1024;

beforeEach(() => resetActiveRelease());
afterAll(() => resetActiveRelease());

const cases: readonly [string, () => ChannelSite, string][] = [
  ["malformed JSON", () => new ChannelSite().file("2025-03-01.1.json", fixtureText("malformed.json")).index([{ id: "2025-03-01.1" }]), "malformed_json"],
  ["a wrong checksum", () => new ChannelSite().file("2025-03-01.1.json", REVISED_TEXT).index([{ id: "2025-03-01.1", sha256: "0".repeat(64) }]), "checksum_mismatch"],
  ["a schema violation", () => new ChannelSite().file("2025-04-01.1.json", fixtureText("schema-violation.json")).index([{ id: "2025-04-01.1" }]), "schema_violation"],
  ["a missing file", () => new ChannelSite().index([{ id: "2025-03-01.1", describes: REVISED_TEXT }]), "missing_file"],
  ["a 5 MB file", () => new ChannelSite().file("2025-03-01.1.json", " ".repeat(FIVE_MB) + REVISED_TEXT).index([{ id: "2025-03-01.1" }]), "too_large"],
  ["the network down", () => new ChannelSite().networkDown(), "unreachable"],
];

describe.each(cases)("a bad release (%s)", (_name, site, reason) => {
  it("is refused with a message in both languages, and the refresh that follows writes nothing", async () => {
    const { host, port, refresh } = setup();
    await port.insertTable(tableGrid(EMBEDDED, "fdi_headline", "en"), { address: "Sheet1!B2" });
    await port.insertTable(tableGrid(EMBEDDED, "two_zones_policy", "zh"), { address: "Sheet1!J2", mode: "formulas" });
    const saved = JSON.stringify(host.save());
    const outcome = await activateChannelRelease({ baseUrl: BASE_URL, fetch: site().fetch });
    if (outcome.ok) throw new Error("the bad release was accepted");
    expect(outcome.reason).toBe(reason);
    expect([outcome.message.en.length > 0, outcome.message.zh.length > 0]).toEqual([true, true]);
    expect(activeDataset().release.id).toBe(EMBEDDED.release.id);
    const run = await measured(host, () => refresh(activeDataset()));
    expect([run.result.upToDate, run.writes, run.result.writeOperations]).toEqual([true, 0, 0]);
    expect(JSON.stringify(host.save())).toBe(saved);
  });
});
