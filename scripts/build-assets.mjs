// Copies the NL Design System (Utrecht) CSS, the Noto Sans font the ALTCHA proof-of-work widget from node_modules
// into static/vendor, so the portal serves them from its own origin (no CDN, no third party at run
// time). Run by `make assets` (and so by `make run` / `make test`).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "static", "vendor", "utrecht");
mkdirSync(target, { recursive: true });

const files = [
  ["@utrecht/design-tokens/dist/index.css", "design-tokens.css"],
  ["@utrecht/component-library-css/dist/index.css", "component-library.css"],
];
for (const [source, name] of files) {
  copyFileSync(join(root, "node_modules", source), join(target, name));
  console.log(`static/vendor/utrecht/${name}`);
}

// Noto Sans, the typeface the Utrecht design tokens ask for ("Noto Sans Variable"), self-hosted: the
// variable-weight faces (normal and italic) for the Latin scripts Dutch and English need. The
// stylesheet keeps only those @font-face rules, so the browser never asks for a file we do not copy.
const fontSource = join(root, "node_modules", "@fontsource-variable", "noto-sans");
const fonts = join(root, "static", "vendor", "noto-sans");
mkdirSync(join(fonts, "files"), { recursive: true });
const subsets = ["latin", "latin-ext"];
const faces = [];
for (const sheet of ["wght.css", "wght-italic.css"]) {
  const css = readFileSync(join(fontSource, sheet), "utf8");
  for (const rule of css.split(/(?=\/\* noto-sans-)/)) {
    const file = rule.match(/files\/(noto-sans-([a-z-]+)-wght-(?:normal|italic)\.woff2)/);
    if (file && subsets.includes(file[2])) {
      faces.push(rule.trim());
      copyFileSync(join(fontSource, "files", file[1]), join(fonts, "files", file[1]));
    }
  }
}
writeFileSync(join(fonts, "noto-sans.css"), faces.join("\n\n") + "\n");
console.log(`static/vendor/noto-sans/noto-sans.css (${faces.length} faces)`);

// ALTCHA's "external" build as an ES module: no inline styles and no workers from blob: URLs, so it
// runs under the site's CSP (script-src 'self'; style-src 'self'). Its stylesheet and the SHA worker
// are separate files; forms/static/forms/js/proof-of-work.js registers the worker. (In altcha 3.2.2
// the external *UMD* build still injects a <style> element, which the CSP refuses: not that one.)
const altcha = join(root, "static", "vendor", "altcha");
mkdirSync(altcha, { recursive: true });
const altchaFiles = [
  ["altcha/dist/external/altcha.min.js", "altcha.js"],
  ["altcha/dist/external/altcha.css", "altcha.css"],
  ["altcha/dist/workers/sha.js", "sha-worker.js"],
  ["altcha/dist/i18n/nl.umd.cjs", "nl.js"],
];
for (const [source, name] of altchaFiles) {
  copyFileSync(join(root, "node_modules", source), join(altcha, name));
  console.log(`static/vendor/altcha/${name}`);
}
