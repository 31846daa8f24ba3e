/**
 * The data layer's public face: the release in use, typed by the schema, and the id types
 * derived from it. Everything above this layer reads data through here. Only types come from the
 * schema, so the zod runtime stays out of bundles that do not validate.
 */
import { RELEASE } from "./release";
import type { Release } from "./schema";

export type { FigureId, FactId, TableId } from "./release";
export type {
  BilingualText,
  Bound,
  CuratedTable,
  DerivedFigure,
  Fact,
  FactCategory,
  Figure,
  Period,
  QuantityKind,
  Release,
  SourceDescription,
  StatedFigure,
} from "./schema";

export { LANGUAGES, type Language } from "./languages";

/** The dataset release this build serves. */
export const CURRENT_RELEASE: Release = RELEASE;
