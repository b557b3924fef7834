// One file per widget whose page code is several modules: `node tools/bundle.mjs` writes widgets/static/bundles/<name>.js
// from widgets/static/<name>.js and what it imports (esbuild from npm, pinned in package-lock.json), with the icons of
// widgets/static/icons.svg handed to dom.js. The bundles are committed, so installing the package needs no Node; they
// are whitespace-minified (names kept): a few KB less in every saved notebook, and generated code is not read.
// Why bundles: anywidget loads a widget's code from one blob: URL, where "./dom.js" means nothing, and Chromium
// refuses ES module imports from file:// (the static site); one self-contained file works everywhere.
// `node tools/bundle.mjs --check`: exit 1 naming each bundle that differs from a fresh build (tests/page/test_bundles.py).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const STATIC = join(dirname(fileURLToPath(import.meta.url)), "..", "widgets", "static");
const OUT = join(STATIC, "bundles");
// widget page code → whether it draws icons (dom.js is handed icons.svg)
const BUNDLES = {
  simulator: true, foot_map: true, twitch_cramp: true, motor_unit: true, quiz: true, stylesheet: false, selfcheck: true,
  case_stories: true, site_progress: true, glossary: false,
};
// page code that is no widget: a classic script (file:// refuses modules) that runs once the page is parsed
const SCRIPTS = { site_progress: "mountAll" };

// icons.svg on one line, without its comments (dom.js useIcons reads the symbols either way)
const ICONS = readFileSync(join(STATIC, "icons.svg"), "utf8").replace(/<!--[\s\S]*?-->/g, "").replace(/\s+/g, " ");

async function bundle(name) {
  const icons = BUNDLES[name] ? `import { useIcons } from "./dom.js";\nuseIcons(ICONS_SVG);\n` : "";
  const run = SCRIPTS[name];
  const body = run
    ? `import { ${run} } from "./${name}.js";\nconst go = () => ${run}();\n`
      + `if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go); else go();\n`
    : `export { default } from "./${name}.js";\n`;
  const done = await build({
    stdin: { contents: icons + body, resolveDir: STATIC, loader: "js" },
    define: { ICONS_SVG: JSON.stringify(ICONS) },
    bundle: true, format: run ? "iife" : "esm", target: "es2020", charset: "utf8", legalComments: "none", minifyWhitespace: true,
    write: false, logLevel: "silent", absWorkingDir: join(STATIC, "..", ".."),
    banner: { js: `// Built by tools/bundle.mjs from widgets/static/${name}.js and its imports: edit those, then run it.` },
  });
  return done.outputFiles[0].text;
}

const check = process.argv.includes("--check");
const stale = [];
mkdirSync(OUT, { recursive: true });
const built = await Promise.all(Object.keys(BUNDLES).map(async (name) => [name, await bundle(name)]));
for (const [name, text] of built) {
  const file = join(OUT, `${name}.js`);
  let old = null;
  try { old = readFileSync(file, "utf8"); } catch (e) { /* not built yet */ }
  if (old === text) continue;
  if (check) stale.push(`widgets/static/bundles/${name}.js`);
  else writeFileSync(file, text);
}
if (stale.length) {
  console.error(`out of date (run \`node tools/bundle.mjs\`): ${stale.join(", ")}`);
  process.exit(1);
}
