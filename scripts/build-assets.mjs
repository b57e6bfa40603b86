// Copies the NL Design System (Utrecht) CSS from node_modules into static/vendor, so the portal
// serves it from its own origin (no CDN). Run by `make assets` (and so by `make run` / `make test`).
import { copyFileSync, mkdirSync } from "node:fs";
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
