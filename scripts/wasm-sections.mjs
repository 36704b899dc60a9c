// A cursor over a wasm module's bytes, enough to walk its sections: the release build's
// checks (build-console), scripts/profile-start.mjs and scripts/shorten-imports.mjs read
// imports, data segments, the code section and function names with it, with no wasm
// toolkit to install.
export class WasmReader {
  constructor(bytes) {
    this.bytes = bytes;
    this.at = 8; // after the magic number and version
  }

  byte() {
    return this.bytes[this.at++];
  }

  // LEB128; `signed` for the operands of i32.const.
  leb(signed = false) {
    let value = 0, shift = 0, b;
    do {
      b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return signed && b & 0x40 ? value - 2 ** shift : value;
  }

  skip(n) {
    this.at += n;
  }

  name() {
    const length = this.leb();
    const text = this.bytes.subarray(this.at, this.at + length).toString();
    this.skip(length);
    return text;
  }

  // An import's description, after its module and field names: its kind (0 a function,
  // 1 a table, 2 a memory, 3 a global, 4 a tag), the cursor moved past the rest.
  importDesc() {
    const kind = this.byte();
    if (kind === 0) this.leb(); // a function: its type
    else if (kind === 1) { this.byte(); if (this.byte() & 1) this.leb(); this.leb(); } // type, limits
    else if (kind === 2) { if (this.byte() & 1) this.leb(); this.leb(); } // limits
    else if (kind === 3) this.skip(2); // type, mutability
    else if (kind === 4) { this.byte(); this.leb(); } // a tag
    else throw new Error(`an import of unknown kind ${kind}`);
    return kind;
  }

  // Each section's id and end; the cursor is at its contents, and moves past them however
  // much of them the caller read.
  *sections() {
    while (this.at < this.bytes.length) {
      const id = this.byte();
      const size = this.leb();
      const end = this.at + size;
      yield { id, end };
      this.at = end;
    }
  }
}
