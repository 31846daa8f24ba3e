/**
 * Connects the loader to the page's one active release (src/core/active-release): load the
 * channel, then make the result the release in use. On a rejected release the release already in
 * use stays, unless the fallback (cache or embedded) is newer than it; nothing of the rejected file
 * is ever set.
 *
 * Layer: release channel.
 */
import { activeDataset, activeOrigin, compareReleaseIds, setActiveRelease } from "../core/active-release";
import { loadRelease, type LoadReleaseOptions, type LoadReleaseOutcome } from "./load-release";

/**
 * Loads the channel's newest release and activates what should be used. Returns the loader's
 * outcome, for the pane to show (`outcome.ok ? describeOrigin(activeOrigin()) : outcome.message`).
 */
export async function activateChannelRelease(options: LoadReleaseOptions): Promise<LoadReleaseOutcome> {
  const outcome = await loadRelease(options);
  if (outcome.ok) {
    setActiveRelease(outcome.release, outcome.origin);
    return outcome;
  }
  const current = activeDataset().release;
  const wasGood = activeOrigin().kind !== "embedded";
  const { release, origin } = outcome.fallback;
  // Keep a good release already in use this session, unless the fallback is newer.
  if (!wasGood || compareReleaseIds(release.id, current.id) > 0) setActiveRelease(release, origin);
  return outcome;
}
