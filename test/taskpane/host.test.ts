/** The pane's host helpers that need no browser: language tags and Office theme colours. */
import { isDarkColour, languageOf } from "../../src/taskpane/host";

describe("languageOf", () => {
  it("maps Chinese tags to zh and everything else to en", () => {
    expect(["zh-CN", "zh-cn", "zh-TW", "zh", "zh-Hans-CN"].map(languageOf)).toEqual(["zh", "zh", "zh", "zh", "zh"]);
    expect(["en-US", "fr-FR", "", undefined, null, "zhx"].map(languageOf)).toEqual(["en", "en", "en", "en", "en", "en"]);
  });
});

describe("isDarkColour", () => {
  it("tells Office's dark and black themes from its light ones", () => {
    // Office theme body colours: Black, Dark Gray, then Colorful and White.
    expect(["#000000", "#262626", "#1f1f1f", "444444"].map(isDarkColour)).toEqual([true, true, true, true]);
    expect(["#ffffff", "#e6e6e6", "#f3f2f1"].map(isDarkColour)).toEqual([false, false, false]);
  });

  it("takes anything it cannot read as light", () => {
    expect(["", "red", "#fff", "rgb(0,0,0)"].map(isDarkColour)).toEqual([false, false, false, false]);
  });
});
