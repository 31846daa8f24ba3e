/**
 * Loads the newest release from the release channel (`releases/index.json` next to the add-in),
 * verifying it before anything of it is used:
 *
 *   index.json ─ fetch (no-cache), size cap, JSON, index schema → newest entry by release id
 *   release file ─ fetch; size cap from the index entry, Content-Length and the bytes read;
 *                  byte count and SHA-256 (Web Crypto) against the entry — BEFORE any parsing;
 *                  then UTF-8, JSON.parse, the zod Release schema with its cross-references,
 *                  and the id the index gave.
 *
 * Every failure is an outcome, never an exception: `{ ok: false, reason, message, fallback }`.
 * The fallback is the last good cached release if it still validates and is not older than the
 * embedded one, else the embedded release. Nothing of a rejected file is returned.
 *
 * Only the newest entry is tried: if it fails, the release the user already had stays (the cache
 * or the embedded one), rather than silently switching to some other, older entry of the index.
 *
 * Layer: release channel. Uses fetch and Web Crypto (both injectable); no Office.js, no DOM.
 */
import { Release as ReleaseSchema } from "../data/schema";
import { CURRENT_RELEASE, type BilingualText, type Release } from "../data";
import { compareReleaseIds, type ReleaseOrigin } from "../core/active-release";
import {
  DEFAULT_MAX_BYTES,
  INDEX_PATH,
  ReleaseIndex,
  issueLines,
  newestEntry,
  type ReleaseIndexEntry,
} from "./release-index";

/** Why a channel release was not used. */
export type ChannelFailureReason =
  | "unreachable"
  | "malformed_index"
  | "malformed_json"
  | "checksum_mismatch"
  | "schema_violation"
  | "too_large"
  | "missing_file";

/** The part of a fetch Response the loader reads; a real Response fits. */
export interface ChannelResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText?: string;
  readonly headers: { get(name: string): string | null };
  readonly body?: ReadableStream<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type ChannelFetch = (url: string, init?: { cache?: RequestCache }) => Promise<ChannelResponse>;

/** SHA-256 of some bytes, as Web Crypto's `subtle.digest("SHA-256", …)` gives it. */
export type Sha256Digest = (data: Uint8Array<ArrayBuffer>) => Promise<ArrayBuffer>;

/** The last good release file, as text, kept between sessions. */
export interface CachedReleaseText {
  readonly id: string;
  readonly text: string;
  /** Where it was downloaded from. */
  readonly url?: string;
}

/** Storage for the last good release. Failures to read or write are ignored (it is only a cache). */
export interface ReleaseCache {
  get(): CachedReleaseText | undefined | Promise<CachedReleaseText | undefined>;
  set(entry: CachedReleaseText): void | Promise<void>;
}

export interface LoadReleaseOptions {
  /** The add-in's base URL (the folder holding taskpane.html), e.g. `new URL("./", location.href).href`. */
  readonly baseUrl: string;
  /** Default: `globalThis.fetch`. */
  readonly fetch?: ChannelFetch;
  /** Default: `globalThis.crypto.subtle.digest("SHA-256", …)`. */
  readonly digest?: Sha256Digest;
  /** Default: none (nothing cached). The pane passes `storageReleaseCache(localStorage)`. */
  readonly cache?: ReleaseCache;
  /** Default 1,000,000 bytes, for the index and for a release file. */
  readonly maxBytes?: number;
  /** The release built into the add-in. Default: the data layer's release. */
  readonly embedded?: Release;
  /** Clock for `checkedAt`. */
  readonly now?: () => Date;
}

/** A release with where it came from. */
export interface ReleaseChoice {
  readonly release: Release;
  readonly origin: ReleaseOrigin;
}

export interface ReleaseLoaded extends ReleaseChoice {
  readonly ok: true;
  /** The index entry the release was listed under. */
  readonly entry: ReleaseIndexEntry;
}

export interface ReleaseRejected {
  readonly ok: false;
  readonly reason: ChannelFailureReason;
  /** What failed (which file, expected vs found) and which release stays in use, in both languages. */
  readonly message: BilingualText;
  /** The release to use instead: the last good cached one if it validates, else the embedded one. */
  readonly fallback: ReleaseChoice;
}

export type LoadReleaseOutcome = ReleaseLoaded | ReleaseRejected;

/** A failure inside the loader, turned into an outcome at the top. */
class ChannelFailure {
  constructor(
    readonly reason: ChannelFailureReason,
    readonly message: BilingualText,
  ) {}
}

const fail = (reason: ChannelFailureReason, en: string, zh: string): ChannelFailure =>
  new ChannelFailure(reason, { en, zh });

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

const prefix = (sha: string): string => `${sha.slice(0, 12)}…`;

/** Parses and validates a release's JSON text: the same checks for the channel and for the cache. */
function validateReleaseText(text: string, expectedId: string, where: string): Release {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fail(
      "malformed_json",
      `${where} is not valid JSON (${errorText(error)}).`,
      `${where} 不是有效的 JSON（${errorText(error)}）。`,
    );
  }
  const parsed = ReleaseSchema.safeParse(json);
  if (!parsed.success) {
    const lines = issueLines(parsed.error, json).join("; ");
    throw fail(
      "schema_violation",
      `${where} does not match the release schema: ${lines}.`,
      `${where} 不符合数据版本结构：${lines}。`,
    );
  }
  if (parsed.data.id !== expectedId) {
    throw fail(
      "schema_violation",
      `${where} holds release ${parsed.data.id}, but it is listed as ${expectedId}.`,
      `${where} 的数据版本号为 ${parsed.data.id}，但索引中登记为 ${expectedId}。`,
    );
  }
  return parsed.data;
}

/**
 * Reads a response body, stopping as soon as it passes `maxBytes` (a 5 MB file is not read whole).
 * Returns undefined when too large.
 */
async function readCapped(response: ChannelResponse, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const body = response.body;
  if (!body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.byteLength > maxBytes ? undefined : bytes;
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

interface Fetched {
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/**
 * Fetches one channel file with the size cap. `what` names it in messages; `missingReason` is the
 * reason for a 404 (a missing release file; a missing index means no channel is deployed).
 */
async function fetchCapped(
  fetchFn: ChannelFetch,
  url: string,
  what: string,
  maxBytes: number,
  missingReason: ChannelFailureReason,
  init?: { cache?: RequestCache },
): Promise<Fetched> {
  let response: ChannelResponse;
  try {
    response = await fetchFn(url, init);
  } catch (error) {
    throw fail(
      "unreachable",
      `The release channel is unreachable: ${what} could not be fetched from ${url} (${errorText(error)}).`,
      `无法连接数据版本发布渠道：未能从 ${url} 获取 ${what}（${errorText(error)}）。`,
    );
  }
  if (!response.ok) {
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    if (response.status === 404 || response.status === 410) {
      throw fail(
        missingReason,
        `${what} is missing from the release channel: ${url} answered ${status}.`,
        `数据版本发布渠道中缺少 ${what}：${url} 返回 ${status}。`,
      );
    }
    throw fail(
      "unreachable",
      `The release channel is unreachable: ${url} answered ${status} for ${what}.`,
      `无法连接数据版本发布渠道：获取 ${what} 时 ${url} 返回 ${status}。`,
    );
  }
  const tooLarge = (size: string): ChannelFailure =>
    fail(
      "too_large",
      `${what} is too large: ${size}, over the limit of ${maxBytes.toLocaleString("en-US")} bytes.`,
      `${what} 过大：${size}，超过 ${maxBytes} 字节的上限。`,
    );
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(`${declared.toLocaleString("en-US")} bytes declared by Content-Length`);
  }
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  try {
    bytes = await readCapped(response, maxBytes);
  } catch (error) {
    throw fail(
      "unreachable",
      `The release channel is unreachable: reading ${what} from ${url} failed (${errorText(error)}).`,
      `无法连接数据版本发布渠道：从 ${url} 读取 ${what} 失败（${errorText(error)}）。`,
    );
  }
  if (bytes === undefined) throw tooLarge("more bytes than that were sent");
  return { bytes };
}

function decodeUtf8(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fail("malformed_json", `${where} is not UTF-8 text.`, `${where} 不是 UTF-8 文本。`);
  }
}

async function readIndex(fetchFn: ChannelFetch, indexUrl: string, maxBytes: number) {
  const { bytes } = await fetchCapped(fetchFn, indexUrl, "releases/index.json", maxBytes, "unreachable", {
    cache: "no-cache",
  });
  const where = "releases/index.json";
  let json: unknown;
  try {
    json = JSON.parse(decodeUtf8(bytes, where));
  } catch (error) {
    if (error instanceof ChannelFailure) throw fail("malformed_index", error.message.en, error.message.zh);
    throw fail(
      "malformed_index",
      `${where} is not valid JSON (${errorText(error)}).`,
      `${where} 不是有效的 JSON（${errorText(error)}）。`,
    );
  }
  const parsed = ReleaseIndex.safeParse(json);
  if (!parsed.success) {
    const lines = issueLines(parsed.error, json).join("; ");
    throw fail(
      "malformed_index",
      `${where} does not match the index format (schema 1): ${lines}.`,
      `${where} 不符合索引格式（schema 1）：${lines}。`,
    );
  }
  return parsed.data;
}

async function verifyChecksum(bytes: Uint8Array<ArrayBuffer>, entry: ReleaseIndexEntry, digest: Sha256Digest | undefined) {
  const where = `Release file ${entry.file}`;
  const whereZh = `数据版本文件 ${entry.file}`;
  if (bytes.byteLength !== entry.bytes) {
    throw fail(
      "checksum_mismatch",
      `${where} does not match its index entry: index.json says ${entry.bytes} bytes, the file has ${bytes.byteLength}.`,
      `${whereZh} 与索引不符：index.json 记载 ${entry.bytes} 字节，文件实为 ${bytes.byteLength} 字节。`,
    );
  }
  if (digest === undefined) {
    throw fail(
      "checksum_mismatch",
      `${where} cannot be verified: Web Crypto (crypto.subtle) is not available here, so it is not used.`,
      `无法校验${whereZh}：此环境没有 Web Crypto（crypto.subtle），因此不予使用。`,
    );
  }
  let actual: string;
  try {
    actual = hex(await digest(bytes));
  } catch (error) {
    throw fail(
      "checksum_mismatch",
      `${where} cannot be verified: SHA-256 failed (${errorText(error)}).`,
      `无法校验${whereZh}：SHA-256 计算失败（${errorText(error)}）。`,
    );
  }
  if (actual !== entry.sha256) {
    throw fail(
      "checksum_mismatch",
      `${where} failed its checksum: index.json expects SHA-256 ${prefix(entry.sha256)}, the file has ${prefix(actual)}.`,
      `${whereZh} 校验失败：index.json 记载的 SHA-256 为 ${prefix(entry.sha256)}，文件实为 ${prefix(actual)}。`,
    );
  }
}

/** The cached release if it still validates, else undefined. Never throws. */
async function readCache(cache: ReleaseCache | undefined): Promise<(ReleaseChoice & { text: string }) | undefined> {
  if (!cache) return undefined;
  try {
    const entry = await cache.get();
    if (!entry) return undefined;
    const release = validateReleaseText(entry.text, entry.id, "The cached release");
    const origin: ReleaseOrigin = { kind: "cache", releaseId: release.id, ...(entry.url ? { url: entry.url } : {}) };
    return { release, origin, text: entry.text };
  } catch {
    return undefined;
  }
}

function defaultDigest(): Sha256Digest | undefined {
  const subtle = typeof globalThis.crypto === "object" ? globalThis.crypto.subtle : undefined;
  if (!subtle) return undefined;
  return (data) => subtle.digest("SHA-256", data);
}

function defaultFetch(): ChannelFetch | undefined {
  return typeof globalThis.fetch === "function" ? (url, init) => globalThis.fetch(url, init) : undefined;
}

function stillUsing(choice: ReleaseChoice): BilingualText {
  const id = choice.release.id;
  return choice.origin.kind === "cache"
    ? { en: `Still using the cached release ${id}.`, zh: `继续使用本机缓存的数据版本 ${id}。` }
    : { en: `Using the release built into the add-in, ${id}.`, zh: `使用加载项内置的数据版本 ${id}。` };
}

/**
 * Loads, verifies and returns the channel's newest release; on success the cache is updated.
 * Never throws for a bad or unreachable channel: see `LoadReleaseOutcome`.
 */
export async function loadRelease(options: LoadReleaseOptions): Promise<LoadReleaseOutcome> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const embedded = options.embedded ?? CURRENT_RELEASE;
  const checkedAt = (options.now ?? (() => new Date()))().toISOString();
  const fetchFn = options.fetch ?? defaultFetch();
  const digest = options.digest ?? defaultDigest();

  const fallback = async (): Promise<ReleaseChoice> => {
    const cached = await readCache(options.cache);
    if (cached && compareReleaseIds(cached.release.id, embedded.id) >= 0) {
      return { release: cached.release, origin: { ...cached.origin, checkedAt } };
    }
    return { release: embedded, origin: { kind: "embedded", releaseId: embedded.id, checkedAt } };
  };

  try {
    let indexUrl: string;
    try {
      indexUrl = new URL(INDEX_PATH, options.baseUrl).href;
    } catch {
      throw fail(
        "unreachable",
        `The release channel is unreachable: ${JSON.stringify(options.baseUrl)} is not a URL.`,
        `无法连接数据版本发布渠道：${JSON.stringify(options.baseUrl)} 不是有效网址。`,
      );
    }
    if (!fetchFn) {
      throw fail(
        "unreachable",
        "The release channel is unreachable: this environment has no fetch.",
        "无法连接数据版本发布渠道：此环境不支持 fetch。",
      );
    }
    const index = await readIndex(fetchFn, indexUrl, maxBytes);
    const entry = newestEntry(index);
    const fileUrl = new URL(entry.file, indexUrl).href;
    const what = `Release file ${entry.file}`;
    if (entry.bytes > maxBytes) {
      throw fail(
        "too_large",
        `${what} is too large: index.json lists ${entry.bytes.toLocaleString("en-US")} bytes, over the limit of ${maxBytes.toLocaleString("en-US")}.`,
        `数据版本文件 ${entry.file} 过大：index.json 记载 ${entry.bytes} 字节，超过 ${maxBytes} 字节的上限。`,
      );
    }
    const { bytes } = await fetchCapped(fetchFn, fileUrl, what, maxBytes, "missing_file");
    await verifyChecksum(bytes, entry, digest); // before anything is parsed
    const text = decodeUtf8(bytes, `Release file ${entry.file}`);
    const release = validateReleaseText(text, entry.id, `Release file ${entry.file}`);
    try {
      await options.cache?.set({ id: release.id, text, url: fileUrl });
    } catch {
      // Only a cache: a full or blocked storage does not make the release less good.
    }
    return { ok: true, release, entry, origin: { kind: "channel", releaseId: release.id, url: fileUrl, checkedAt } };
  } catch (error) {
    const failure =
      error instanceof ChannelFailure
        ? error
        : fail(
            "unreachable",
            `The release channel could not be read (${errorText(error)}).`,
            `无法读取数据版本发布渠道（${errorText(error)}）。`,
          );
    const choice = await fallback();
    const using = stillUsing(choice);
    return {
      ok: false,
      reason: failure.reason,
      message: { en: `${failure.message.en} ${using.en}`, zh: `${failure.message.zh}${using.zh}` },
      fallback: choice,
    };
  }
}
