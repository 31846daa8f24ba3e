#!/usr/bin/env node
// Renders assets/icon.svg to the PNG sizes that manifest.xml and the store use (npm run icons).
// The PNGs are committed, so a build never needs this script; rerun it after editing the SVG.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";

const assets = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");
const svg = readFileSync(join(assets, "icon.svg"), "utf8");

/** Sizes in pixels: 16/32/80 for the ribbon, 32/64 for the add-in icon, 128 for listings. */
const ICON_SIZES = [16, 32, 64, 80, 128];

for (const size of ICON_SIZES) {
  const png = new Resvg(svg, { fitTo: { mode: "width", value: size }, background: "rgba(0,0,0,0)" })
    .render()
    .asPng();
  const file = join(assets, `icon-${size}.png`);
  writeFileSync(file, png);
  console.log(`wrote ${file} (${size}x${size}, ${png.length} bytes)`);
}
