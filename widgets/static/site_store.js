// Progress on the static site (no kernel): the learner's answers kept in this browser, and the three documents the
// kernel's store makes, made here the same way. One module for the quiz page (quiz.js, static mode) and the start
// page's progress panel (site_progress.js). In JupyterLab the kernel's store is the one that saves: nothing here runs.
//
// Where: localStorage, keyed per site (the folder the pages are in: every file:// page in Chromium shares one
// storage) and learner code: "foot-twitch-lessons:site:<folder>:learner" holds this site's learner code,
// "…:progress:<code>" that learner's {created, attempts}. Each attempt is a progress-file attempt (question, lesson,
// chosen, correct, time, hash, attempt_id), so a changed question (another hash) is known, as in the kernel store.
//
// The same documents as Python: `progressBytes` is widgets/store/progress_doc.py encode_progress, `buildExport` and
// `exportBytes` widgets/classroom/export.py build_export and encode, `readProgressUpload` progress_doc.py
// read_progress_upload (with safe_json.py parse_json): the same checks, in the same order, with the same words.
// Its field checks are read from the JSON Schema generated from the pydantic models (static/progress.schema.json),
// worded as pydantic words them. tests/page/test_site_store_parity.py runs the store's crafted files through both.
// Pure (no DOM); node imports it.

import SCHEMA from "./progress.schema.json" with { type: "json" };

export const FORMAT = "foot-twitch-lessons/progress";
export const RESULTS_FORMAT = "foot-twitch-lessons/class-results";
export const VERSION = 3;
export const RESULTS_VERSION = 3;
export const MAX_BYTES = 16_000_000;
export const MAX_PER_QUESTION = 200;
const MAX_DEPTH = 32;
const MAX_NUMBER_DIGITS = 30;
const MAX_CHOSEN = 20;
const REVIEW = "05-review";
// the pydantic models' field order (the schema file lists them sorted): errors are reported in this order
const FIELDS = { ProgressDoc: ["format", "version", "learner", "created", "attempts"],
  Attempt: ["question", "lesson", "chosen", "correct", "time", "hash", "attempt_id"] };

export class FormatError extends Error {}

// -- Python's words for values ------------------------------------------------------------------------------
const PY_SPACE = "\\t\\n\\x0b\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "g");
const cps = (s) => Array.from(s);

function pyFloat(x) {  // repr(float)
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [m, e] = x.toExponential().split("e");
  const exp = Number(e), neg = m.startsWith("-"), digits = m.replace(/^-/, "").replace(".", "");
  let out;
  if (exp < -4 || exp >= 16) {
    out = digits[0] + (digits.length > 1 ? "." + digits.slice(1) : "") + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
  } else if (exp < 0) out = "0." + "0".repeat(-exp - 1) + digits;
  else if (digits.length <= exp + 1) out = digits + "0".repeat(exp + 1 - digits.length) + ".0";
  else out = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  return (neg ? "-" : "") + out;
}

function pyStrRepr(s) {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || (c >= 0x7f && c < 0xa1) || c === 0xad) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return quote + out + quote;
}

export function pyRepr(v) {  // repr() of a decoded JSON value
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "bigint") return String(v);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : pyFloat(v);
  if (v instanceof PyFloat) return pyFloat(v.value);
  if (typeof v === "string") return pyStrRepr(v);
  if (Array.isArray(v)) return "[" + v.map(pyRepr).join(", ") + "]";
  return "{" + Object.keys(v).map((k) => pyRepr(k) + ": " + pyRepr(v[k])).join(", ") + "}";
}
const pyStr = (v) => (typeof v === "string" ? v : pyRepr(v));

// A JSON float that holds a whole number (3.0): Python keeps it a float, and says so ("3.0", never the int 3).
class PyFloat { constructor(value) { this.value = value; } }
const isInt = (v) => (typeof v === "number" && Number.isInteger(v)) || typeof v === "bigint";
const isDict = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof PyFloat);

// -- safe_json.parse_json: Python's json module, with its words and positions ---------------------------------
class JsonError extends Error { constructor(msg, pos) { super(msg); this.pos = pos; } }
class ValueErr extends Error {}
const WS = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const ESCAPES = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

function setKey(obj, key, value) {  // "__proto__" is a key like any other
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

function pyInt(text) {
  if (text.length > MAX_NUMBER_DIGITS && text.replace(/^-+/, "").length > MAX_NUMBER_DIGITS) {
    throw new ValueErr(`a number with ${text.length} digits`);
  }
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

function pyFloatValue(text) {
  if (text.length > MAX_NUMBER_DIGITS && text.replace(/^-+/, "").length > MAX_NUMBER_DIGITS) {
    throw new ValueErr(`a number with ${text.length} digits`);
  }
  const v = Number(text);
  if (!Number.isFinite(v)) throw new ValueErr(`the number ${cps(text).slice(0, 20).join("")} is out of range`);
  return new PyFloat(v);
}

function parseJson(s) {
  if (s.startsWith("\ufeff")) throw new JsonError("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
  let i = 0, depth = 0;
  const len = s.length;
  const ws = () => { while (i < len && WS.has(s[i])) i++; };
  function string() {  // i is just past the opening quote
    const begin = i - 1;
    let out = "";
    for (;;) {
      let j = i;
      while (j < len && s[j] !== '"' && s[j] !== "\\" && s.charCodeAt(j) >= 0x20) j++;
      out += s.slice(i, j);
      if (j >= len) throw new JsonError("Unterminated string starting at", begin);
      const c = s[j];
      if (c === '"') { i = j + 1; return out; }
      if (c !== "\\") throw new JsonError("Invalid control character at", j);
      if (j + 1 >= len) throw new JsonError("Unterminated string starting at", begin);
      const e = s[j + 1];
      if (e !== "u") {
        if (!(e in ESCAPES)) throw new JsonError("Invalid \\escape", j);
        out += ESCAPES[e];
        i = j + 2;
        continue;
      }
      const hex = j + 2;
      if (hex + 4 >= len) throw new JsonError("Invalid \\uXXXX escape", j + 1);
      const digits = s.slice(hex, hex + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw new JsonError("Invalid \\uXXXX escape", j + 1);
      out += String.fromCharCode(parseInt(digits, 16));
      i = hex + 4;
    }
  }
  function value() {
    if (i >= len) throw new JsonError("Expecting value", i);
    const c = s[i];
    if (c === '"') { i++; return string(); }
    if (c === "{" || c === "[") {
      if (++depth > 900) throw new RangeError("deep");
      const v = c === "{" ? object() : array();
      depth--;
      return v;
    }
    if (s.startsWith("null", i)) { i += 4; return null; }
    if (s.startsWith("true", i)) { i += 4; return true; }
    if (s.startsWith("false", i)) { i += 5; return false; }
    for (const k of ["NaN", "Infinity", "-Infinity"]) {
      if (s.startsWith(k, i)) throw new ValueErr(`${k} is not a number JSON allows`);
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(s);
    if (!m) throw new JsonError("Expecting value", i);
    i += m[0].length;
    return m[1] || m[2] ? pyFloatValue(m[0]) : pyInt(m[0]);
  }
  function object() {  // i at "{"
    i++;
    const obj = {};
    ws();
    if (i < len && s[i] === "}") { i++; return obj; }
    for (;;) {
      if (i >= len || s[i] !== '"') throw new JsonError("Expecting property name enclosed in double quotes", i);
      i++;
      const key = string();
      ws();
      if (i >= len || s[i] !== ":") throw new JsonError("Expecting ':' delimiter", i);
      i++;
      ws();
      setKey(obj, key, value());
      ws();
      if (i < len && s[i] === "}") { i++; return obj; }
      if (i >= len || s[i] !== ",") throw new JsonError("Expecting ',' delimiter", i);
      i++;
      ws();
    }
  }
  function array() {  // i at "["
    i++;
    const arr = [];
    ws();
    if (i < len && s[i] === "]") { i++; return arr; }
    for (;;) {
      arr.push(value());
      ws();
      if (i < len && s[i] === "]") { i++; return arr; }
      if (i >= len || s[i] !== ",") throw new JsonError("Expecting ',' delimiter", i);
      i++;
      ws();
    }
  }
  ws();
  const v = value();
  ws();
  if (i !== len) throw new JsonError("Extra data", i);
  return v;
}

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checkTree(value, strings) {  // safe_json._check_tree: the same walk, so the same first complaint
  const stack = [[value, 0]];
  const text = (x) => { if (LONE.test(x)) throw new TypeError("surrogate"); };
  while (stack.length) {
    const [node, depth] = stack.pop();
    if (depth > MAX_DEPTH) throw new ValueErr(`data nested more than ${MAX_DEPTH} levels deep`);
    let children;
    if (isDict(node)) {
      const keys = Object.keys(node);
      if (keys.length && depth + 1 > MAX_DEPTH) throw new ValueErr(`data nested more than ${MAX_DEPTH} levels deep`);
      if (strings) keys.forEach(text);
      children = keys.map((k) => node[k]);
    } else if (Array.isArray(node)) {
      if (node.length && depth + 1 > MAX_DEPTH) throw new ValueErr(`data nested more than ${MAX_DEPTH} levels deep`);
      children = node;
    } else {
      if (strings && typeof node === "string") text(node);
      continue;
    }
    for (const child of children) {
      if (isDict(child) || Array.isArray(child)) stack.push([child, depth + 1]);
      else if (strings && typeof child === "string") text(child);
    }
  }
}

function size(n) { return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1000))} kB`; }
const thousands = (n) => n.toLocaleString("en-US");

export function parseJsonBytes(bytes, what, maxBytes) {
  // safe_json.parse_json: bytes of a JSON document → the value, or FormatError naming `what`
  if (bytes.length > maxBytes) {
    let shown = size(bytes.length), most = size(maxBytes);
    if (shown === most) [shown, most] = [`${thousands(bytes.length)} bytes`, `${thousands(maxBytes)} bytes`];
    throw new FormatError(`${what} is ${shown}, more than the ${most} these lessons accept.`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new FormatError(`${what} is saved as UTF-16 text (Notepad can do this); save it as UTF-8 and try again.`);
  }
  let text;
  try { text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes); }
  catch (e) { throw new FormatError(`${what} is not UTF-8 text, so it is not a file these lessons made.`); }
  try {
    const value = parseJson(text);
    checkTree(value, /\\u[dD][89a-fA-F]/.test(text));
    return value;
  } catch (e) {
    if (e instanceof JsonError) {
      const before = text.slice(0, e.pos), nl = before.lastIndexOf("\n");
      const line = before.split("\n").length, col = cps(before.slice(nl + 1)).length + 1;
      throw new FormatError(`${what} is not valid JSON (line ${line}, column ${col}: ${e.message}).`);
    }
    if (e instanceof RangeError) throw new FormatError(`${what} is nested too deeply to be a file these lessons made.`);
    if (e instanceof TypeError) throw new FormatError(`${what} holds text that is not valid Unicode (a broken character escape).`);
    if (e instanceof ValueErr) throw new FormatError(`${what} cannot be read: ${e.message}.`);
    throw e;
  }
}

// -- the pydantic models, read from their JSON Schema, worded as pydantic words them ---------------------------
const plural = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;

function checkValue(schema, value, loc) {  // the first error as [loc, message], or null
  if (schema.$ref) return checkModel(schema.$ref.split("/").pop(), value, loc);
  if (schema.anyOf) {  // X | None: None passes, anything else is checked as X
    if (value === null) return null;
    return checkValue(schema.anyOf.find((s) => s.type !== "null"), value, loc);
  }
  switch (schema.type) {
    case "string": {
      if (typeof value !== "string") return [loc, "Input should be a valid string"];
      const n = cps(value).length;
      if (schema.minLength !== undefined && n < schema.minLength) return [loc, `String should have at least ${plural(schema.minLength, "character")}`];
      if (schema.maxLength !== undefined && n > schema.maxLength) return [loc, `String should have at most ${plural(schema.maxLength, "character")}`];
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) return [loc, `String should match pattern '${schema.pattern}'`];
      return null;
    }
    case "boolean": return typeof value === "boolean" ? null : [loc, "Input should be a valid boolean"];
    case "integer": return isInt(value) ? null : [loc, "Input should be a valid integer"];
    case "array": {
      if (!Array.isArray(value)) return [loc, "Input should be a valid list"];
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        return [loc, `List should have at most ${plural(schema.maxItems, "item")} after validation, not ${value.length}`];
      }
      for (let i = 0; i < value.length; i++) {
        const err = checkValue(schema.items, value[i], loc.concat([i]));
        if (err) return err;
      }
      return null;
    }
    default: return null;
  }
}

function checkModel(name, value, loc = []) {
  const schema = name === SCHEMA.title ? SCHEMA : SCHEMA.$defs[name];
  if (!isDict(value)) return [loc, `Input should be a valid dictionary or instance of ${name}`];
  for (const field of FIELDS[name]) {
    if (!Object.prototype.hasOwnProperty.call(value, field)) {
      if (schema.required.includes(field)) return [loc.concat([field]), "Field required"];
      continue;
    }
    const err = checkValue(schema.properties[field], value[field], loc.concat([field]));
    if (err) return err;
    if (name === "ProgressDoc" && field === "attempts") {  // its field validator, run after the field itself
      const why = perQuestion(value.attempts);
      if (why) return [loc.concat([field]), why];
    }
  }
  const own = (k) => Object.prototype.hasOwnProperty.call(schema.properties, k);
  const extra = Object.keys(value).find((k) => !own(k));
  if (extra !== undefined && schema.additionalProperties === false) return [loc.concat([extra]), "Extra inputs are not permitted"];
  return null;
}

function perQuestion(attempts) {  // ProgressDoc._per_question
  const counts = new Map(), ids = new Set();
  for (const a of attempts) {
    if (a.attempt_id !== undefined && a.attempt_id !== null) {
      if (ids.has(a.attempt_id)) return `attempt id ${a.attempt_id} appears twice`;
      ids.add(a.attempt_id);
    }
    counts.set(a.question, (counts.get(a.question) || 0) + 1);
    if (counts.get(a.question) > MAX_PER_QUESTION) {
      return `question ${a.question} has more than ${MAX_PER_QUESTION} attempts, more than these lessons keep`;
    }
  }
  return null;
}

const firstError = ([loc, msg]) => (loc.length ? `${loc.join(".")}: ${msg}` : msg);

export function checkProgress(data) {
  // progress_doc.check_progress: a decoded document → itself, or FormatError saying why
  if (!isDict(data) || data.format !== FORMAT) {
    if (isDict(data) && data.format === RESULTS_FORMAT) {
      throw new FormatError("this is a class-results file, not a progress file; choose the file made by 'Download my progress file'");
    }
    throw new FormatError("this is not a progress file of these lessons");
  }
  const version = data.version;
  if (!isInt(version) || version < 1) {
    throw new FormatError(`unknown progress file version ${pyRepr(cps(pyStr(version === undefined ? null : version)).slice(0, 20).join(""))}`);
  }
  if (version > VERSION) {
    throw new FormatError(`it was made by a newer version of these lessons (file version ${version}, this one reads up to ${VERSION}); update the lessons to restore it`);
  }
  if (Array.isArray(data.attempts)) {
    data.attempts.forEach((a, i) => {
      const err = checkModel("Attempt", a);
      if (err) throw new FormatError(`attempt ${i + 1} is malformed (${firstError(err)})`);
    });
  }
  const err = checkModel("ProgressDoc", data);
  if (err) throw new FormatError(`the file is malformed (${firstError(err)})`);
  return data;
}

export function readProgressUpload(bytes, what = "The file") {
  // progress_doc.read_progress_upload: bytes → a checked document, or FormatError with the one reason
  let data;
  try { data = parseJsonBytes(bytes, what, MAX_BYTES); }
  catch (e) { if (e instanceof FormatError) throw new FormatError(e.message.replace(/\.+$/, "")); throw e; }
  return checkProgress(data);
}

// -- the documents ----------------------------------------------------------------------------------------
const compact = (v) => JSON.stringify(v);

export function encodeAttempt(a) {
  const out = {};
  for (const [k, v] of Object.entries(a)) if (!(k === "attempt_id" && (v === null || v === undefined))) out[k] = v;
  return compact(out);
}

export function progressText(doc) {  // progress_doc.encode_progress, as text (UTF-8 when saved)
  const head = {};
  for (const [k, v] of Object.entries(doc)) if (k !== "attempts") head[k] = v;
  head.format = FORMAT;
  head.version = VERSION;
  const lines = doc.attempts.map(encodeAttempt).join(",\n");
  return compact(head).slice(0, -1) + ',"attempts":[\n' + lines + (lines ? "\n" : "") + "]}\n";
}

// sha256 of a string's UTF-8 bytes (hex): export.learner_code's stand-in for an odd code, with no crypto.subtle
// (which plain http lacks)
export function sha256Hex(text) {
  const bytes = new TextEncoder().encode(text);
  const K = [];
  const frac = (x) => ((x - Math.floor(x)) * 2 ** 32) >>> 0;
  for (let n = 2, found = 0; found < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
    if (prime) K[found++] = frac(Math.cbrt(n));
  }
  const H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const total = ((bytes.length + 9 + 63) >> 6) << 6;
  const msg = new Uint8Array(total);
  msg.set(bytes);
  msg[bytes.length] = 0x80;
  const bits = bytes.length * 8;
  const view = new DataView(msg.buffer);
  view.setUint32(total - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(total - 4, bits >>> 0);
  const w = new Uint32Array(64);
  const rot = (x, n) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < total; off += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(off + 4 * t);
    for (let t = 16; t < 64; t++) {
      const s0 = rot(w[t - 15], 7) ^ rot(w[t - 15], 18) ^ (w[t - 15] >>> 3);
      const s1 = rot(w[t - 2], 17) ^ rot(w[t - 2], 19) ^ (w[t - 2] >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = H;
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rot(e, 6) ^ rot(e, 11) ^ rot(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) >>> 0;
      const t2 = ((rot(a, 2) ^ rot(a, 13) ^ rot(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((x, k) => { H[k] = (H[k] + x) >>> 0; });
  }
  return H.map((x) => x.toString(16).padStart(8, "0")).join("");
}

const LEARNER_CODE = /^learner-[0-9a-f]{6,32}$/;
export function learnerCode(code) {  // export.learner_code
  if (typeof code === "string" && LEARNER_CODE.test(code)) return code;
  return "learner-" + sha256Hex(pyStr(code)).slice(0, 16);
}

export function cleanName(name, fallback) {  // export.clean_name
  const text = cps(String(name || "").replace(/[\x00-\x1f\x7f\ud800-\udfff]/gu, "").replace(STRIP, ""))
    .slice(0, 60).join("").replace(STRIP, "");
  return text || fallback;
}

function asciiSlug(text) {  // export._ascii_slug
  const plain = text.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  return plain.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase().slice(0, 40).replace(/^-+|-+$/g, "");
}
export const fileSlug = (text) => asciiSlug(text) || "learner";
export const progressFileName = (name) => `foot-twitch-progress-${fileSlug(name || "")}.json`;
export function exportFileName(doc) {
  const slug = doc.name !== doc.learner ? asciiSlug(doc.name) : "";
  return `class-results-${slug ? slug + "-" : ""}${learnerCode(doc.learner)}.json`;
}

export const nowIso = (date = new Date()) => date.toISOString().slice(0, 19) + "+00:00";

function questionStatus(attempts) {  // scoring.question_status (ordered by first answer)
  const grouped = new Map();
  for (const a of attempts) {
    if (!grouped.has(a.question)) grouped.set(a.question, []);
    grouped.get(a.question).push(a);
  }
  const out = new Map();
  for (const [q, al] of grouped) {
    out.set(q, { attempts: al.length, first_correct: al[0].correct, now_correct: al[al.length - 1].correct,
      last_chosen: al[al.length - 1].chosen, last_hash: al[al.length - 1].hash || "" });
  }
  return out;
}

export function lessonScore(lesson, ids, attempts) {  // scoring.lesson_score
  const wanted = new Set(ids);
  const status = questionStatus(attempts.filter((a) => wanted.has(a.question)));
  const got = [...new Set(ids)].filter((q) => status.has(q)).map((q) => status.get(q));
  return { lesson, total: ids.length, answered: got.length, first_try: got.filter((s) => s.first_correct).length,
    now_correct: got.filter((s) => s.now_correct).length };
}

const reviewId = (id) => (id.startsWith(REVIEW + "/") ? id : `${REVIEW}/${id}`);
export function reviewScore(listed, attempts) {  // review.review_score
  const ids = [...new Set(listed.map(reviewId).concat(attempts.filter((a) => a.lesson === REVIEW).map((a) => a.question)))];
  return lessonScore(REVIEW, ids, attempts);
}

export function lessonScores(course, attempts) {
  // views/progress.lesson_scores over a course's data (tools/site.py progress_data): each lesson with a quiz
  const out = [];
  for (const lesson of course.lessons) {
    const bank = course.banks.find((b) => b.lesson === lesson.id);
    if (lesson.id === REVIEW) out.push(reviewScore(course.review, attempts));
    else if (bank) out.push(lessonScore(lesson.id, bank.ids, attempts));
  }
  return out;
}

function versionOf(saved, current) {  // export._version
  if (!saved) return current;
  if (typeof saved === "string" && /^[0-9a-f]{16}$/.test(saved)) return saved;
  return sha256Hex(pyRepr(saved)).slice(0, 16);
}

export function buildExport(progress, course, name, now = nowIso()) {
  // export.build_export(progress, all_banks(), name, review=load_review().questions)
  const current = new Map();
  for (const bank of course.banks) bank.ids.forEach((id, i) => current.set(id, bank.hashes[i]));
  for (const [id, hash] of [...current]) current.set(reviewId(id), hash);
  const known = progress.attempts.filter((a) => current.has(a.question))
    .map((a) => ({ ...a, hash: versionOf(a.hash, current.get(a.question)) }));
  const latest = new Map(known.map((a) => [a.question, a.hash]));
  const answeredNow = new Set(known.filter((a) => a.hash === current.get(a.question)).map((a) => a.question));
  const kept = known.filter((a) => a.hash === (answeredNow.has(a.question) ? current.get(a.question) : latest.get(a.question)));
  const lessons = {};
  const counts = (s) => ({ total: s.total, answered: s.answered, first_try: s.first_try, now_correct: s.now_correct });
  for (const bank of course.banks) lessons[bank.lesson] = counts(lessonScore(bank.lesson, bank.ids, kept));
  if (course.review.length) lessons[REVIEW] = counts(reviewScore(course.review, kept));
  const entries = new Map();
  for (const a of kept) { if (!entries.has(a.question)) entries.set(a.question, []); entries.get(a.question).push(a); }
  const questions = {};
  const cut = (chosen) => chosen.slice(0, MAX_CHOSEN).map((c) => cps(pyStr(c)).slice(0, 100).join(""));
  for (const qid of [...entries.keys()].sort()) {
    const group = entries.get(qid);
    questions[qid] = { hash: group[0].hash, attempts: Math.min(group.length, 10_000), first_chosen: cut(group[0].chosen),
      last_chosen: cut(group[group.length - 1].chosen), first_correct: group[0].correct,
      now_correct: group[group.length - 1].correct };
  }
  const code = learnerCode(progress.learner);
  // the before/after checks' answers (version 3): each check question's first answer to its current version
  const checkHashes = course.checks || {};
  const checks = {};
  for (const a of progress.attempts) {
    if (checkHashes[a.question] === a.hash && !(a.question in checks)) checks[a.question] = { hash: a.hash, chosen: cut(a.chosen) };
  }
  const sortedChecks = Object.fromEntries(Object.keys(checks).sort().map((k) => [k, checks[k]]));
  return { format: RESULTS_FORMAT, version: RESULTS_VERSION, name: cleanName(name, code), learner: code, exported: now,
    lessons, questions, checks: sortedChecks };
}

export const exportText = (doc) => JSON.stringify(doc, null, 1) + "\n";  // export.encode, as text

// -- the page's own answers ---------------------------------------------------------------------------------
// quiz_page.page_status: what a quiz shows of a saved question (the last answer, tries, first try, now)
export function pageStatus(q, attempts) {
  const mine = attempts.filter((a) => a.question === q.id);
  if (!mine.length) return null;
  const s = questionStatus(mine).get(q.id);
  const stale = !!s.last_hash && s.last_hash !== q.hash;
  const one = ["single", "numeric", "truefalse"].includes(q.type);
  const answer = stale || !s.last_chosen.length ? null : one ? (s.last_chosen.length === 1 ? s.last_chosen[0] : null) : [...s.last_chosen];
  return { attempts: s.attempts, first_correct: s.first_correct, now_correct: s.now_correct,
    wrong_tries: s.first_correct && s.now_correct ? 0 : 1,
    wrong_before_last: s.attempts === 1 || (s.attempts === 2 && s.first_correct) ? 0 : 1, stale, answer };
}

const PREFIX = "foot-twitch-lessons:site:";

// This site's folder: every page of the site is in it (file:// pages of other folders share the storage).
export function siteFolder(href) {
  const u = String(href).split("#")[0].split("?")[0];
  return u.slice(0, u.lastIndexOf("/") + 1);
}

function newLearnerCode() {
  const bytes = new Uint8Array(8);
  if (globalThis.crypto && crypto.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < 8; i++) bytes[i] = Math.floor(Math.random() * 256);
  return "learner-" + [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export class SiteStore {
  // One site's answers in one browser. Every write says whether the browser kept it: `record` returns
  // {ok: true} or {ok: false, why: "question_full" | "file_full" | "storage"}; nothing is claimed kept otherwise.
  constructor(storage, href) {
    this.storage = storage;
    this.base = PREFIX + siteFolder(href);
  }

  _get(key) { try { return this.storage.getItem(this.base + key); } catch (e) { return null; } }
  _set(key, value) { try { this.storage.setItem(this.base + key, value); return true; } catch (e) { return false; } }

  learner() {  // this site's learner code (made and kept on first use; null when the browser keeps nothing)
    const code = this._get("learner");
    if (code && /^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/.test(code)) return code;
    const made = newLearnerCode();
    return this._set("learner", made) ? made : null;
  }

  _read(code) {
    try {
      const v = JSON.parse(this._get("progress:" + code) || "null");
      if (v && Array.isArray(v.attempts)) return { created: typeof v.created === "string" ? v.created : "", attempts: v.attempts };
    } catch (e) { /* a hand edit: start again */ }
    return { created: "", attempts: [] };
  }

  load() {  // the whole progress document, as the kernel store's load() gives it
    const code = this.learner() || "learner-0000000000000000";
    const kept = this._read(code);
    return { format: FORMAT, version: VERSION, learner: code, created: kept.created, attempts: kept.attempts };
  }

  record(attempt) {  // one answer (progress-file attempt); the limits are the kernel store's
    const code = this.learner();
    if (!code) return { ok: false, why: "storage" };
    const kept = this._read(code);
    if (kept.attempts.filter((a) => a.question === attempt.question).length >= MAX_PER_QUESTION) return { ok: false, why: "question_full" };
    const doc = { format: FORMAT, version: VERSION, learner: code, created: kept.created || nowIso(), attempts: kept.attempts.concat([attempt]) };
    if (new TextEncoder().encode(progressText(doc)).length > MAX_BYTES) return { ok: false, why: "file_full" };
    const ok = this._set("progress:" + code, JSON.stringify({ created: doc.created, attempts: doc.attempts }));
    return ok ? { ok: true } : { ok: false, why: "storage" };
  }

  replace(doc) {  // a restored document: its learner code and answers replace what this site kept (all or nothing)
    const before = this._get("learner");
    if (!this._set("progress:" + doc.learner, JSON.stringify({ created: doc.created || "", attempts: doc.attempts }))) return false;
    if (this._set("learner", doc.learner)) return true;
    if (before !== null) this._set("learner", before);
    return false;
  }

  askedPersist() { return this._get("persist") === "asked"; }

  // navigator.storage.persist(), asked once per site, only where it exists (not on file://, where it throws):
  // true when asked now, false when not (absent, refused by the origin, or asked before)
  askPersist(nav = globalThis.navigator) {
    if (this.askedPersist()) return false;
    const storage = nav && nav.storage;
    if (!storage || typeof storage.persist !== "function") return false;
    if (typeof location !== "undefined" && location.protocol === "file:") return false;
    try {
      const p = storage.persist();
      if (p && typeof p.catch === "function") p.catch(() => {});
    } catch (e) { return false; }
    this._set("persist", "asked");
    return true;
  }
}

// A try on the site as the kernel would save it (views/quiz.py handle_attempt): its graded `chosen` and verdict;
// asking to see the answer saves an empty, wrong try only when the question had none yet.
export function siteAttempt(q, lesson, res, attemptId, reveal, attempts, now = nowIso()) {
  if (reveal && attempts.some((a) => a.question === q.id)) return null;
  return { question: q.id, lesson, chosen: reveal ? [] : res.chosen, correct: reveal ? false : res.correct, time: now,
    hash: q.hash, attempt_id: attemptId };
}
