// Gives the main module's JS imports short names, in the wasm and in the JS glue that
// provides them: wasm-bindgen names each `__wbg_<name>_<16 hex digits>`, a hash that
// compression cannot shorten, and the name is written twice, in the wasm's import section
// and as a key of the glue's import object. The chunks import only memory, the table and
// globals from the main module, so nothing else names them.
//
// node scripts/shorten-imports.mjs MODULE.wasm GLUE.js   (both rewritten in place)
//
// Only hashed names are renamed; each must be a key exactly once in the glue, or nothing
// is written and the build stops.
import fs from 'fs';
import { WasmReader } from './wasm-sections.mjs';

const [wasmPath, jsPath] = process.argv.slice(2);
const bytes = fs.readFileSync(wasmPath);
let js = fs.readFileSync(jsPath, 'utf8');
const hashed = /^__wbg_[A-Za-z0-9_]*_[0-9a-f]{16}$/;

const leb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
};
const name = (text) => {
  const b = Buffer.from(text);
  return Buffer.concat([leb(b.length), b]);
};

const r = new WasmReader(bytes);
let start = 8; // where the current section's id byte is
let rewritten = null;
const renamed = new Map();
for (const { id, end } of r.sections()) {
  if (id === 2) {
    const parts = [];
    const count = r.leb();
    parts.push(leb(count));
    for (let k = 0; k < count; k++) {
      const module = r.name();
      const field = r.name();
      const descStart = r.at;
      r.importDesc();
      let short = field;
      if (hashed.test(field)) {
        // A name imported twice keeps one short name: the glue has one key for it.
        short = renamed.get(field) ?? `_${renamed.size.toString(36)}`;
        renamed.set(field, short);
      }
      parts.push(name(module), name(short), bytes.subarray(descStart, r.at));
    }
    if (r.at !== end) throw new Error('import section: bytes left over');
    const contents = Buffer.concat(parts);
    rewritten = Buffer.concat([
      bytes.subarray(0, start),
      Buffer.from([2]),
      leb(contents.length),
      contents,
      bytes.subarray(end),
    ]);
  }
  start = end;
}
if (!rewritten || renamed.size === 0) throw new Error('no hashed imports: drop this step');

for (const [long, short] of renamed) {
  const key = new RegExp(`\\b${long}\\b`, 'g');
  const found = js.match(key)?.length ?? 0;
  if (found !== 1) throw new Error(`${long} is named ${found} times in ${jsPath}, not once`);
  js = js.replace(key, short);
  // The one place it was named must be a key of the import object.
  if (!new RegExp(`[{,\\s]${short}\\s*:`).test(js)) throw new Error(`${long} is not a key in ${jsPath}`);
}
new WebAssembly.Module(rewritten); // still a valid module
fs.writeFileSync(wasmPath, rewritten);
fs.writeFileSync(jsPath, js);
console.log(`${renamed.size} imports renamed`);
