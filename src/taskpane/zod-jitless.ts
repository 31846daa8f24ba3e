/**
 * Switches zod to jitless before any schema is built (imported first by channel-chunk.ts). zod's
 * compiled fast path probes `new Function` when an object schema is created; a page whose CSP has
 * no 'unsafe-eval' (every page of this add-in) reports that probe as a violation even though zod
 * catches it. Jitless zod validates the same, without the probe.
 *
 * Layer: task pane.
 */
import { z } from "zod";

z.config({ jitless: true });
