/** The two languages of the product, in display order: English and Simplified Chinese. */
export const LANGUAGES = ["en", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];
