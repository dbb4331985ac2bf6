// Build the browser assets of `tdkt serve` and of the HTML preview into tdkt_dsl/web/static:
//   app.js     — the editor (CodeMirror 6 and its extensions), one minified bundle;
//   fonts/     — Tinos (metric-compatible with Times New Roman) for Vietnamese text: latin,
//                latin-ext and vietnamese subsets, regular/bold/italic, with fonts.css.
// Everything comes from the npm registry through package-lock.json: no CDN at run time.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "tdkt_dsl", "web", "static");
const fontsrc = join(here, "node_modules", "@fontsource", "tinos");
mkdirSync(join(out, "fonts"), { recursive: true });

const ranges = JSON.parse(readFileSync(join(fontsrc, "unicode.json"), "utf8"));
const rules = [];
for (const subset of ["latin", "latin-ext", "vietnamese"]) {
  for (const [weight, style] of [["400", "normal"], ["700", "normal"], ["400", "italic"], ["700", "italic"]]) {
    const file = `tinos-${subset}-${weight}-${style}.woff2`;
    copyFileSync(join(fontsrc, "files", file), join(out, "fonts", file));
    const range = ranges[subset];
    rules.push(`@font-face{font-family:"Tinos";font-style:${style};font-weight:${weight};font-display:block;` +
               `src:url(${file}) format("woff2");unicode-range:${range}}`);
  }
}
writeFileSync(join(out, "fonts", "fonts.css"), rules.join("\n") + "\n");
copyFileSync(join(fontsrc, "LICENSE"), join(out, "fonts", "LICENSE-Tinos.txt"));

await build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true, minify: true, format: "iife", target: "es2020",
  outfile: join(out, "app.js"), legalComments: "eof", logLevel: "warning",
});
console.log("web: built tdkt_dsl/web/static (app.js, fonts/)");
