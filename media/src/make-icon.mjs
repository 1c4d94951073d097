// Draws media/icon.png (128x128): a record card with a seal on a navy tile.
// Run: node media/src/make-icon.mjs. No dependencies: shapes are signed-distance
// functions, anti-aliased by 4x4 supersampling, written by a minimal PNG encoder.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

const roundedRect = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const segment = (x, y, ax, ay, bx, by, w) => {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - w;
};
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

/** Colour (RGBA 0..1) at a point, painting back to front. */
function paint(x, y) {
  let c = [0, 0, 0, 0];
  const over = (color, inside) => { if (inside) c = color; };
  const tile = roundedRect(x, y, 64, 64, 62, 62, 22);
  over([...mix([0.08, 0.21, 0.36], [0.13, 0.37, 0.6], y / SIZE), 1], tile <= 0);
  over([0.05, 0.14, 0.25, 1], roundedRect(x, y, 58, 62, 32, 40, 6) <= 0 && tile <= 0); // card shadow
  over([0.97, 0.98, 1, 1], roundedRect(x, y, 55, 58, 32, 40, 6) <= 0); // card
  over([0.13, 0.37, 0.6, 1], roundedRect(x, y, 55, 28, 24, 4, 3) <= 0); // title bar
  for (const [cy, hw] of [[44, 24], [56, 24], [68, 18], [80, 21]]) {
    over([0.7, 0.75, 0.82, 1], roundedRect(x, y, 55 - 24 + hw, cy, hw, 2.5, 2.5) <= 0); // text lines
  }
  over([0.05, 0.14, 0.25, 1], circle(x, y, 92, 92, 23) <= 0); // seal ring
  over([0.96, 0.73, 0.16, 1], circle(x, y, 92, 92, 20) <= 0); // seal
  const tick = Math.min(segment(x, y, 82, 92, 89, 99, 3.2), segment(x, y, 89, 99, 102, 84, 3.2));
  over([1, 1, 1, 1], tick <= 0);
  return c;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let [r, g, b, a] = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = paint(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
      }
    }
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    const n = SAMPLES * SAMPLES;
    raw[o] = a ? Math.round((r / a) * 255) : 0;
    raw[o + 1] = a ? Math.round((g / a) * 255) : 0;
    raw[o + 2] = a ? Math.round((b / a) * 255) : 0;
    raw[o + 3] = Math.round((a / n) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
