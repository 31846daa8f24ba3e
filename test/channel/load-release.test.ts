/**
 * The release channel loader against an in-memory site: the newest good release is used; every
 * bad case is rejected with its reason and a message in both languages naming what failed; the
 * checksum is checked before anything is parsed; and the page's active release stays the last
 * good one, with nothing of a bad release in it.
 */
import { CURRENT_RELEASE, type Release } from "../../src/data";
import {
  activateChannelRelease,
  loadRelease,
  storageReleaseCache,
  type ChannelFailureReason,
  type LoadReleaseOptions,
  type LoadReleaseOutcome,
  type ReleaseRejected,
} from "../../src/channel";
import { activeDataset, activeOrigin, resetActiveRelease } from "../../src/core";
import {
  BASE_URL,
  ChannelSite,
  MemoryStorage,
  byteLength,
  fixtureText,
  memoryCache,
  sha256,
  spaces,
} from "./channel-site";

const EMBEDDED_TEXT = `${JSON.stringify(CURRENT_RELEASE, null, 2)}\n`;
const REVISED_TEXT = fixtureText("revised.json");
const REVISED = JSON.parse(REVISED_TEXT) as Release;
const FIVE_MB = 5 * 1024 * 1024;
const NOW = new Date("2026-11-26T10:00:00Z");

/** A release text with another id (and released date), otherwise `base`. */
function withId(base: string, id: string, change?: (release: Record<string, unknown>) => void): string {
  const release = JSON.parse(base) as Record<string, unknown>;
  release.id = id;
  release.released = id.slice(0, 10);
  change?.(release);
  return `${JSON.stringify(release, null, 2)}\n`;
}

/** The revised release with a made-up count that must never reach the caller. */
const POISON = 987_654;
const poisoned = (id: string): string =>
  withId(REVISED_TEXT, id, (release) => {
    const figures = release.figures as Array<{ id: string; value: unknown }>;
    const count = figures.find((figure) => figure.id === "fdi_new_enterprises");
    if (count) count.value = POISON;
  });

function options(site: ChannelSite, extra: Partial<LoadReleaseOptions> = {}): LoadReleaseOptions {
  return { baseUrl: BASE_URL, fetch: site.fetch, now: () => NOW, ...extra };
}

function rejected(outcome: LoadReleaseOutcome): ReleaseRejected {
  if (outcome.ok) throw new Error(`expected a rejection, got release ${outcome.release.id}`);
  return outcome;
}

/** A site serving the embedded release and the revised one, as a deployment after one publish. */
const goodSite = (): ChannelSite =>
  new ChannelSite()
    .file(`${CURRENT_RELEASE.id}.json`, EMBEDDED_TEXT)
    .file("2025-03-01.1.json", REVISED_TEXT)
    .index([{ id: CURRENT_RELEASE.id }, { id: "2025-03-01.1" }]);

const fdiCount = (): number | undefined => activeDataset().figure("fdi_new_enterprises")?.value;

beforeEach(() => resetActiveRelease());

describe("the good path", () => {
  it("loads the newest release by id, whatever the list order, and verifies it", async () => {
    const site = new ChannelSite()
      .file("2025-03-01.1.json", REVISED_TEXT)
      .file("2025-02-01.1.json", withId(EMBEDDED_TEXT, "2025-02-01.1"))
      .file(`${CURRENT_RELEASE.id}.json`, EMBEDDED_TEXT)
      .index([{ id: "2025-02-01.1" }, { id: "2025-03-01.1" }, { id: CURRENT_RELEASE.id }]);
    const outcome = await loadRelease(options(site));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.release).toEqual(REVISED);
    expect(outcome.origin).toEqual({
      kind: "channel",
      releaseId: "2025-03-01.1",
      url: `${BASE_URL}releases/2025-03-01.1.json`,
      checkedAt: NOW.toISOString(),
    });
    // One index read, one file read: older entries are not fetched.
    expect(site.requests).toEqual([`${BASE_URL}releases/index.json`, `${BASE_URL}releases/2025-03-01.1.json`]);
  });

  it("orders ids by date, then by the release number as a number (.10 after .9)", async () => {
    const site = new ChannelSite()
      .file("2025-03-01.9.json", withId(REVISED_TEXT, "2025-03-01.9"))
      .file("2025-03-01.10.json", withId(REVISED_TEXT, "2025-03-01.10"))
      .index([{ id: "2025-03-01.10" }, { id: "2025-03-01.9" }]);
    const outcome = await loadRelease(options(site));
    expect(outcome.ok && outcome.release.id).toBe("2025-03-01.10");
  });

  it("makes the loaded release the page's active release and caches its text", async () => {
    const cache = memoryCache();
    expect(activeOrigin().kind).toBe("embedded");
    await activateChannelRelease(options(goodSite(), { cache }));
    expect(activeDataset().release.id).toBe("2025-03-01.1");
    expect(fdiCount()).toBe(REVISED.figures.find((f) => f.id === "fdi_new_enterprises")?.value);
    expect(activeOrigin()).toMatchObject({ kind: "channel", releaseId: "2025-03-01.1" });
    expect(cache.entry).toEqual({ id: "2025-03-01.1", text: REVISED_TEXT, url: `${BASE_URL}releases/2025-03-01.1.json` });
  });

  it("uses Web Crypto by default, and agrees with the checksum a publisher computes", async () => {
    const outcome = await loadRelease(options(goodSite())); // no digest injected
    expect(outcome.ok).toBe(true);
  });
});

/** One bad channel per case: what the site serves, the reason, and text both messages must name. */
interface BadCase {
  name: string;
  reason: ChannelFailureReason;
  site: () => ChannelSite;
  /** Text the English and the Chinese messages must both contain. */
  names: readonly string[];
  /** Text the English message must contain. */
  en?: readonly string[];
}

const badCases: readonly BadCase[] = [
  {
    name: "the network is down",
    reason: "unreachable",
    site: () => goodSite().networkDown(),
    names: [`${BASE_URL}releases/index.json`, "fetch failed"],
  },
  {
    name: "no channel is deployed (index.json 404)",
    reason: "unreachable",
    site: () => new ChannelSite(),
    names: [`${BASE_URL}releases/index.json`, "HTTP 404"],
  },
  {
    name: "the server fails (500)",
    reason: "unreachable",
    site: () => goodSite().file("index.json", "oops", { status: 500 }),
    names: ["releases/index.json", "HTTP 500"],
  },
  {
    name: "index.json is not JSON",
    reason: "malformed_index",
    site: () => new ChannelSite().file("index.json", "<html>not an index</html>"),
    names: ["releases/index.json"],
    en: ["not valid JSON"],
  },
  {
    name: "index.json has another format version",
    reason: "malformed_index",
    site: () => new ChannelSite().file("index.json", JSON.stringify({ schema: 2, releases: [] })),
    names: ["releases/index.json", "schema"],
  },
  {
    name: "index.json lists a file outside its folder",
    reason: "malformed_index",
    site: () =>
      new ChannelSite()
        .file("2025-03-01.1.json", REVISED_TEXT)
        .index([{ id: "2025-03-01.1", file: "../2025-03-01.1.json", describes: REVISED_TEXT }]),
    names: ["releases/index.json", "releases[2025-03-01.1].file"],
  },
  {
    name: "the release file is missing (404)",
    reason: "missing_file",
    site: () =>
      new ChannelSite().file(`${CURRENT_RELEASE.id}.json`, EMBEDDED_TEXT).index([
        { id: CURRENT_RELEASE.id },
        { id: "2025-03-01.1", describes: REVISED_TEXT },
      ]),
    names: ["2025-03-01.1.json", "HTTP 404"],
  },
  {
    name: "the release file is malformed JSON (with its right checksum)",
    reason: "malformed_json",
    site: () => new ChannelSite().file("2025-04-01.1.json", fixtureText("malformed.json")).index([{ id: "2025-04-01.1" }]),
    names: ["2025-04-01.1.json", "JSON"],
  },
  {
    name: "the release file has the wrong checksum",
    reason: "checksum_mismatch",
    site: () =>
      new ChannelSite()
        .file("2025-03-01.1.json", poisoned("2025-03-01.1"))
        .index([{ id: "2025-03-01.1", describes: REVISED_TEXT, bytes: byteLength(poisoned("2025-03-01.1")) }]),
    names: ["2025-03-01.1.json", "SHA-256", sha256(REVISED_TEXT).slice(0, 12), sha256(poisoned("2025-03-01.1")).slice(0, 12)],
  },
  {
    name: "the release file has another size than its entry",
    reason: "checksum_mismatch",
    site: () => new ChannelSite().file("2025-03-01.1.json", poisoned("2025-03-01.1")).index([{ id: "2025-03-01.1", describes: REVISED_TEXT }]),
    names: ["2025-03-01.1.json", String(byteLength(REVISED_TEXT)), String(byteLength(poisoned("2025-03-01.1")))],
  },
  {
    name: "the release file violates the schema",
    reason: "schema_violation",
    site: () => new ChannelSite().file("2025-04-01.1.json", fixtureText("schema-violation.json")).index([{ id: "2025-04-01.1" }]),
    names: ["2025-04-01.1.json", "figures[fdi_new_enterprises].value"],
  },
  {
    name: "the release file breaks a cross-reference (a table row naming no figure)",
    reason: "schema_violation",
    site: () => {
      const text = withId(REVISED_TEXT, "2025-04-01.1", (release) => {
        const tables = release.tables as Array<{ id: string; rows: string[] }>;
        tables[0]?.rows.push("no_such_figure");
      });
      return new ChannelSite().file("2025-04-01.1.json", text).index([{ id: "2025-04-01.1" }]);
    },
    names: ["2025-04-01.1.json", "no_such_figure"],
  },
  {
    name: "the release file holds another release than its entry says",
    reason: "schema_violation",
    site: () => new ChannelSite().file("2025-05-01.1.json", REVISED_TEXT).index([{ id: "2025-05-01.1" }]),
    names: ["2025-05-01.1.json", "2025-03-01.1"],
  },
  {
    name: "a 5 MB release file listed as such",
    reason: "too_large",
    site: () => new ChannelSite().index([{ id: "2025-06-01.1", sha256: "0".repeat(64), bytes: FIVE_MB }]),
    names: ["2025-06-01.1.json", "1000000"],
    en: ["5,242,880"],
  },
  {
    name: "a 5 MB release file behind a small index entry, with its Content-Length",
    reason: "too_large",
    site: () =>
      new ChannelSite()
        .file("2025-06-01.1.json", new Uint8Array(FIVE_MB).fill(0x20), { contentLength: FIVE_MB })
        .index([{ id: "2025-06-01.1", describes: REVISED_TEXT }]),
    names: ["2025-06-01.1.json", "1000000"],
    en: ["Content-Length", "5,242,880"],
  },
  {
    name: "a 5 MB index.json",
    reason: "too_large",
    site: () => new ChannelSite().file("index.json", new Uint8Array(FIVE_MB).fill(0x20)),
    names: ["releases/index.json", "1000000"],
  },
];

describe.each(badCases)("a bad channel: $name", ({ reason, site, names, en }) => {
  it(`is rejected as ${reason}, with a message naming what failed in both languages`, async () => {
    const outcome = rejected(await loadRelease(options(site())));
    expect(outcome.reason).toBe(reason);
    const missing = [
      ...names.flatMap((text) => [
        ...(outcome.message.en.replace(/,/g, "").includes(text.replace(/,/g, "")) ? [] : [`en lacks ${text}`]),
        ...(outcome.message.zh.replace(/,/g, "").includes(text.replace(/,/g, "")) ? [] : [`zh lacks ${text}`]),
      ]),
      ...(en ?? []).filter((text) => !outcome.message.en.includes(text)).map((text) => `en lacks ${text}`),
    ];
    expect(missing).toEqual([]);
    expect(outcome.message.zh).toMatch(/[\u4e00-\u9fff]/);
    // Says which release is used instead: here, with no cache, the embedded one.
    expect(outcome.fallback.release).toBe(CURRENT_RELEASE);
    expect(outcome.fallback.origin).toEqual({ kind: "embedded", releaseId: CURRENT_RELEASE.id, checkedAt: NOW.toISOString() });
    expect(outcome.message.en).toContain(`built into the add-in, ${CURRENT_RELEASE.id}`);
    expect(outcome.message.zh).toContain(`加载项内置的数据版本 ${CURRENT_RELEASE.id}`);
  });

  it("keeps the last good release active, and nothing of the bad one reaches the data", async () => {
    // A good session first: the revised release is loaded, active and cached.
    const storage = new MemoryStorage();
    const cache = storageReleaseCache(storage);
    expect((await activateChannelRelease(options(goodSite(), { cache }))).ok).toBe(true);
    const good = activeDataset();
    expect(good.release.id).toBe("2025-03-01.1");

    // Then the channel goes bad, in this session and in the next one (a new page, same storage).
    const outcome = rejected(await activateChannelRelease(options(site(), { cache })));
    expect(outcome.reason).toBe(reason);
    expect(activeDataset()).toBe(good);
    expect(activeOrigin()).toMatchObject({ kind: "channel", releaseId: "2025-03-01.1" });
    expect(outcome.fallback.origin).toMatchObject({ kind: "cache", releaseId: "2025-03-01.1" });
    expect(outcome.message.en).toContain("Still using the cached release 2025-03-01.1.");

    resetActiveRelease();
    rejected(await activateChannelRelease(options(site(), { cache })));
    expect(activeDataset().release).toEqual(REVISED);
    expect(activeOrigin()).toMatchObject({ kind: "cache", releaseId: "2025-03-01.1" });
    expect(fdiCount()).not.toBe(POISON);
    expect(JSON.stringify(activeDataset().release)).not.toContain(String(POISON));
  });
});

describe("the checksum comes before any parsing", () => {
  it("rejects a file whose bytes differ only in whitespace, though it parses to the same valid release", async () => {
    const compact = JSON.stringify(REVISED);
    expect(JSON.parse(compact)).toEqual(JSON.parse(REVISED_TEXT)); // same release once parsed
    const site = new ChannelSite()
      .file("2025-03-01.1.json", REVISED_TEXT)
      .index([{ id: "2025-03-01.1", describes: compact, bytes: byteLength(REVISED_TEXT) }]);
    const outcome = rejected(await loadRelease(options(site)));
    expect(outcome.reason).toBe("checksum_mismatch");
  });

  it("reports a wrong checksum, not malformed JSON, for a malformed file: the hash is checked first", async () => {
    const site = new ChannelSite()
      .file("2025-04-01.1.json", fixtureText("malformed.json"))
      .index([{ id: "2025-04-01.1", sha256: "f".repeat(64) }]);
    expect(rejected(await loadRelease(options(site))).reason).toBe("checksum_mismatch");
  });

  it("never hands the bytes of a file with a wrong checksum to JSON.parse", async () => {
    const text = poisoned("2025-03-01.1");
    const site = new ChannelSite()
      .file("2025-03-01.1.json", text)
      .index([{ id: "2025-03-01.1", sha256: sha256(REVISED_TEXT), bytes: byteLength(text) }]);
    const parse = jest.spyOn(JSON, "parse");
    try {
      const outcome = rejected(await loadRelease(options(site)));
      expect(outcome.reason).toBe("checksum_mismatch");
      expect(parse.mock.calls.filter(([input]) => input === text)).toEqual([]);
    } finally {
      parse.mockRestore();
    }
  });

  it("hashes the file before parsing it on the good path", async () => {
    const subtle = globalThis.crypto.subtle;
    const digest = jest.fn((data: Uint8Array<ArrayBuffer>) => subtle.digest("SHA-256", data));
    const parse = jest.spyOn(JSON, "parse");
    try {
      const outcome = await loadRelease(options(goodSite(), { digest }));
      expect(outcome.ok).toBe(true);
      const parseOfFile = parse.mock.calls.findIndex(([input]) => input === REVISED_TEXT);
      expect(parseOfFile).toBeGreaterThanOrEqual(0);
      expect(digest).toHaveBeenCalledTimes(1);
      const digestOrder = digest.mock.invocationCallOrder[0] ?? Infinity;
      const parseOrder = parse.mock.invocationCallOrder[parseOfFile] ?? -Infinity;
      expect(digestOrder).toBeLessThan(parseOrder);
    } finally {
      parse.mockRestore();
    }
  });

  it("refuses to use a release it cannot verify (no Web Crypto)", async () => {
    const digest = (): Promise<ArrayBuffer> => Promise.reject(new Error("crypto.subtle is unavailable"));
    const outcome = rejected(await loadRelease(options(goodSite(), { digest })));
    expect(outcome.reason).toBe("checksum_mismatch");
    expect(outcome.message.en).toContain("cannot be verified");
  });
});

describe("size limits", () => {
  it("stops reading a 5 MB body with no Content-Length soon after the limit", async () => {
    const body = spaces(FIVE_MB);
    const site = new ChannelSite().stream("2025-06-01.1.json", body.stream).index([{ id: "2025-06-01.1", describes: REVISED_TEXT }]);
    const outcome = rejected(await loadRelease(options(site)));
    expect(outcome.reason).toBe("too_large");
    expect(body.pulled()).toBeLessThan(2_000_000);
  });

  it("does not even request a file its index entry lists as too large", async () => {
    const site = new ChannelSite().index([{ id: "2025-06-01.1", sha256: "0".repeat(64), bytes: FIVE_MB }]);
    rejected(await loadRelease(options(site)));
    expect(site.requests).toEqual([`${BASE_URL}releases/index.json`]);
  });

  it("honours a smaller maxBytes", async () => {
    const outcome = rejected(await loadRelease(options(goodSite(), { maxBytes: 1000 })));
    expect(outcome.reason).toBe("too_large");
  });
});

describe("offline and the fallback", () => {
  it("offline with nothing cached: the embedded release, and the message says so", async () => {
    const outcome = rejected(await activateChannelRelease(options(goodSite().networkDown())));
    expect(outcome.reason).toBe("unreachable");
    expect(activeDataset().release).toBe(CURRENT_RELEASE);
    expect(activeOrigin()).toMatchObject({ kind: "embedded", releaseId: CURRENT_RELEASE.id });
  });

  it("offline with a good cached release: the cached one, and the message says so", async () => {
    const cache = memoryCache({ id: "2025-03-01.1", text: REVISED_TEXT });
    const outcome = rejected(await activateChannelRelease(options(goodSite().networkDown(), { cache })));
    expect(outcome.fallback.origin.kind).toBe("cache");
    expect(outcome.message.en).toContain("Still using the cached release 2025-03-01.1.");
    expect(outcome.message.zh).toContain("继续使用本机缓存的数据版本 2025-03-01.1");
    expect(activeOrigin()).toMatchObject({ kind: "cache", releaseId: "2025-03-01.1" });
  });

  it("ignores a cached release that no longer validates, or is older than the embedded one", async () => {
    const caches = [
      memoryCache({ id: "2025-04-01.1", text: fixtureText("schema-violation.json") }),
      memoryCache({ id: "2025-04-01.1", text: fixtureText("malformed.json") }),
      memoryCache({ id: "2025-03-01.1", text: poisoned("2025-03-01.2") }), // id does not match
      memoryCache({ id: "2024-12-01.1", text: withId(EMBEDDED_TEXT, "2024-12-01.1") }),
    ];
    const used: string[] = [];
    for (const cache of caches) {
      const outcome = rejected(await loadRelease(options(goodSite().networkDown(), { cache })));
      used.push(`${outcome.fallback.origin.kind} ${outcome.fallback.release.id}`);
    }
    expect(used).toEqual(caches.map(() => `embedded ${CURRENT_RELEASE.id}`));
  });

  it("reads back what the storage cache wrote, and treats garbage in storage as nothing cached", async () => {
    const storage = new MemoryStorage();
    const cache = storageReleaseCache(storage);
    await loadRelease(options(goodSite(), { cache }));
    expect(await cache.get()).toMatchObject({ id: "2025-03-01.1", text: REVISED_TEXT });
    for (const garbage of ["{", "null", '{"id":1,"text":"x"}', '"text"']) {
      storage.items.set("bj-open-stats.release.v1", garbage);
      expect(await cache.get()).toBeUndefined();
    }
  });

  it("keeps working when the storage refuses to write (quota)", async () => {
    const full = { getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); } };
    const outcome = await loadRelease(options(goodSite(), { cache: storageReleaseCache(full) }));
    expect(outcome.ok).toBe(true);
  });
});
