// A cursor over a wasm module's bytes, enough to walk its sections: the release build's
// checks (build-console) and scripts/profile-start.mjs read data segments, the code section
// and function names with it, with no wasm toolkit to install.
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
