/**
 * An in-memory web site for the release channel tests: files by path under a base URL, served as
 * real fetch Responses, with every request recorded. Faults are set per path: a status, a
 * Content-Length, a body streamed in chunks, or the whole network down.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ChannelFetch, ReleaseCache, CachedReleaseText, KeyValueStorage } from "../../src/channel";

export const BASE_URL = "https://addin.example.test/bj/";
export const FIXTURES = join(__dirname, "../fixtures/releases");

export const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");

export const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");
export const byteLength = (text: string): number => Buffer.byteLength(text, "utf8");

export interface IndexEntryInput {
  id: string;
  file?: string;
  /** The text the checksum and byte count are computed from (default: the served file). */
  describes?: string;
  sha256?: string;
  bytes?: number;
  published?: string;
}

interface Served {
  body: Uint8Array<ArrayBuffer> | (() => ReadableStream<Uint8Array<ArrayBuffer>>);
  status: number;
  contentLength?: number;
}

export class ChannelSite {
  readonly requests: string[] = [];
  private readonly files = new Map<string, Served>();
  private down = false;

  /** Serves `text` at `path` (relative to the releases folder). */
  file(path: string, body: string | Uint8Array, options: { status?: number; contentLength?: number } = {}): this {
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : new Uint8Array(body);
    this.files.set(`releases/${path}`, { body: bytes, status: options.status ?? 200, contentLength: options.contentLength });
    return this;
  }

  /** Serves a body that is produced chunk by chunk as it is read. */
  stream(path: string, stream: () => ReadableStream<Uint8Array<ArrayBuffer>>): this {
    this.files.set(`releases/${path}`, { body: stream, status: 200 });
    return this;
  }

  /** Writes releases/index.json listing `entries`, checksums computed from the served files. */
  index(entries: readonly IndexEntryInput[]): this {
    const releases = entries.map((entry) => {
      const file = entry.file ?? `${entry.id}.json`;
      const served = this.files.get(`releases/${file}`);
      const describes =
        entry.describes ?? (served && served.body instanceof Uint8Array ? Buffer.from(served.body).toString("utf8") : "");
      return {
        id: entry.id,
        file,
        sha256: entry.sha256 ?? sha256(describes),
        bytes: entry.bytes ?? byteLength(describes),
        published: entry.published ?? entry.id.slice(0, 10),
      };
    });
    return this.file("index.json", JSON.stringify({ schema: 1, releases }, null, 2));
  }

  /** Every request fails as fetch does when the network is down. */
  networkDown(): this {
    this.down = true;
    return this;
  }

  readonly fetch: ChannelFetch = async (url) => {
    this.requests.push(url);
    if (this.down) throw new TypeError("fetch failed");
    const path = url.startsWith(BASE_URL) ? url.slice(BASE_URL.length) : url;
    const served = this.files.get(path);
    if (!served) return new Response("Not Found", { status: 404, statusText: "Not Found" });
    const headers = new Headers({ "content-type": "application/json" });
    if (served.contentLength !== undefined) headers.set("content-length", String(served.contentLength));
    const body = served.body instanceof Uint8Array ? served.body : served.body();
    return new Response(body, { status: served.status, headers });
  };
}

/** A ReadableStream of `total` bytes of spaces in 64 KiB chunks, counting what was pulled. */
export function spaces(total: number): { stream: () => ReadableStream<Uint8Array<ArrayBuffer>>; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(65_536).fill(0x20);
  return {
    pulled: () => pulled,
    stream: () =>
      new ReadableStream<Uint8Array<ArrayBuffer>>({
        pull(controller) {
          if (pulled >= total) {
            controller.close();
            return;
          }
          const size = Math.min(chunk.byteLength, total - pulled);
          pulled += size;
          controller.enqueue(chunk.slice(0, size));
        },
      }),
  };
}

/** A Web Storage stand-in backed by a Map. */
export class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** A cache holding one entry in memory. */
export function memoryCache(initial?: CachedReleaseText): ReleaseCache & { entry: CachedReleaseText | undefined } {
  const cache = {
    entry: initial,
    get: () => cache.entry,
    set: (entry: CachedReleaseText) => {
      cache.entry = entry;
    },
  };
  return cache;
}
