/**
 * The page's one active release (src/core/active-release.ts): the embedded release until another
 * is set, subscribers told of each change, release ids ordered, origins described in both languages.
 */
import { CURRENT_RELEASE, type Release } from "../../src/data";
import {
  activeDataset,
  activeOrigin,
  compareReleaseIds,
  currentDataset,
  describeOrigin,
  resetActiveRelease,
  setActiveRelease,
  subscribeActiveRelease,
  type ReleaseOrigin,
} from "../../src/core";
import { fixtureText } from "./channel-site";

const REVISED = JSON.parse(fixtureText("revised.json")) as Release;

beforeEach(() => resetActiveRelease());

describe("the active release", () => {
  it("is the embedded release, with the embedded index, until something is set", () => {
    expect(activeDataset()).toBe(currentDataset());
    expect(activeOrigin()).toEqual({ kind: "embedded", releaseId: CURRENT_RELEASE.id });
  });

  it("switches every reader to the release set, recording its id from the release", () => {
    const origin = setActiveRelease(REVISED, { kind: "channel", url: "https://x.test/releases/2025-03-01.1.json" });
    expect(origin).toEqual({ kind: "channel", releaseId: "2025-03-01.1", url: "https://x.test/releases/2025-03-01.1.json" });
    expect(activeDataset().release).toBe(REVISED);
    expect(activeDataset().figure("fdi_new_enterprises")?.period.end).toBe("2024-12-31");
    expect(activeOrigin()).toEqual(origin);
    setActiveRelease(CURRENT_RELEASE, { kind: "embedded" });
    expect(activeDataset()).toBe(currentDataset());
  });

  it("tells subscribers of each change until they unsubscribe, even when one of them throws", () => {
    const seen: string[] = [];
    const stop = subscribeActiveRelease((dataset, origin) => seen.push(`${dataset.release.id} ${origin.kind}`));
    subscribeActiveRelease(() => {
      throw new Error("a broken listener");
    });
    expect(() => setActiveRelease(REVISED, { kind: "cache" })).toThrow(AggregateError);
    expect(activeDataset().release).toBe(REVISED);
    stop();
    expect(() => setActiveRelease(CURRENT_RELEASE, { kind: "embedded" })).toThrow(AggregateError);
    expect(seen).toEqual(["2025-03-01.1 cache"]);
  });

  it("orders release ids by date, then by number", () => {
    const ids = ["2025-03-01.10", "2025-01-15.1", "2025-03-01.9", "2024-12-31.2", "2025-03-01.1"];
    expect([...ids].sort(compareReleaseIds)).toEqual(["2024-12-31.2", "2025-01-15.1", "2025-03-01.1", "2025-03-01.9", "2025-03-01.10"]);
    expect(compareReleaseIds("2025-01-15.1", "2025-01-15.1")).toBe(0);
  });

  it("describes each origin in both languages, naming the release", () => {
    const kinds: ReleaseOrigin["kind"][] = ["embedded", "channel", "cache"];
    const lines = kinds.map((kind) => describeOrigin({ kind, releaseId: "2025-03-01.1" }));
    const bad = lines.filter((line) => !line.en.includes("2025-03-01.1") || !line.zh.includes("2025-03-01.1"));
    expect(bad).toEqual([]);
    expect(new Set(lines.map((line) => line.en)).size).toBe(3);
    expect(new Set(lines.map((line) => line.zh)).size).toBe(3);
  });
});
