/**
 * The release channel as the pane loads it: in a chunk of its own (with zod), after the pane is
 * drawn. zod is made jitless first — this import must stay first: modules are evaluated in import
 * order, and the schemas are built when src/channel's modules are evaluated.
 *
 * Layer: task pane.
 */
import "./zod-jitless";

export { activateChannelRelease, storageReleaseCache } from "../channel";
