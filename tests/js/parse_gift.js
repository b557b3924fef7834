// Reads GIFT files with gift-pegjs (a GIFT parser from another project) and prints what it found as JSON:
// {"<file>": [question, ...]}. Used by tests/unit/test_export_bank.py. A file it cannot parse exits with code 1.
"use strict";
const fs = require("fs");
const gift = require("gift-pegjs");

const out = {};
for (const file of process.argv.slice(2)) {
  try {
    out[file] = gift.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    const where = e.location ? ` at line ${e.location.start.line}, column ${e.location.start.column}` : "";
    process.stderr.write(`${file}${where}: ${e.message}\n`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(out));
