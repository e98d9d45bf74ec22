// A fake camera for Chromium's `--use-file-for-fake-video-capture`: a person at a desk in a room by a window, who
// sways and nods a little, drawn here frame by frame into a Y4M file (640x480, 15 fps, a 2 s loop that Chromium
// repeats). Generated, not committed: the pictures of `npm run screenshots` show a call instead of a test pattern.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const W = 640;
const H = 480;
const FPS = 15;
const FRAMES = 30;

const clamp = (v) => (v < 0 ? 0 : v > 1 ? 1 : v);
const mix = (a, b, t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
/** Coverage of an ellipse at (x, y), with a one-pixel soft edge. */
const ellipse = (x, y, cx, cy, rx, ry) => clamp(0.5 - (Math.hypot((x - cx) / rx, (y - cy) / ry) - 1) * Math.min(rx, ry));
const rect = (x, y, x0, y0, x1, y1) => clamp(Math.min(x - x0, x1 - x, y - y0, y1 - y) + 0.5);

// The box the person moves in (shoulders included), redrawn for every frame.
const PERSON_LEFT = 116;
const PERSON_RIGHT = 544;
const PERSON_TOP = 110;

function pixel(x, y, t, person) {
  // The wall, lit from the window on the left.
  let c = mix([238, 230, 218], [212, 200, 186], y / H);
  c = mix(c, [200, 188, 174], clamp((x - 120) / W) * 0.5);
  // The window: sky, frame and mullions.
  const win = rect(x, y, 36, 50, 214, 300);
  if (win > 0) {
    const sky = mix([165, 200, 228], [222, 234, 242], (y - 50) / 250);
    const frame = 1 - rect(x, y, 46, 60, 204, 290) + rect(x, y, 121, 60, 129, 290) + rect(x, y, 46, 171, 204, 179);
    c = mix(c, mix(sky, [248, 247, 244], clamp(frame)), win);
  }
  // A shelf with a plant on the right.
  c = mix(c, [122, 92, 66], rect(x, y, 440, 206, 610, 214));
  c = mix(c, [188, 108, 78], rect(x, y, 478, 168, 514, 206));
  for (const [lx, ly, rx, ry] of [[482, 150, 16, 26], [500, 140, 14, 30], [514, 156, 18, 22], [470, 162, 14, 12]]) {
    c = mix(c, [86, 146, 96], ellipse(x, y, lx, ly, rx, ry));
  }
  if (person) c = drawPerson(c, x, y, t);
  // A soft vignette, as a webcam has.
  const r2 = ((x - W / 2) / W) ** 2 + ((y - H / 2) / H) ** 2;
  return mix([0, 0, 0], c, 1 - 0.35 * r2);
}

/** The person: shoulders, neck, hair behind, face, fringe, eyes and a smile. Sways every 2 s, nods twice as often. */
function drawPerson(c, x, y, t) {
  const cx = 330 + 6 * Math.sin(2 * Math.PI * t);
  const hy = 212 + 3 * Math.sin(4 * Math.PI * t);
  const sweater = mix([58, 118, 128], [36, 84, 94], clamp(Math.abs(x - cx) / 200));
  c = mix(c, sweater, ellipse(x, y, cx, 478, 200, 156));
  c = mix(c, [200, 152, 124], rect(x, y, cx - 26, hy + 50, cx + 26, hy + 118) * (1 - ellipse(x, y, cx, 478, 200, 156)));
  c = mix(c, [70, 48, 36], ellipse(x, y, cx, hy - 14, 72, 82));
  c = mix(c, [226, 180, 152], ellipse(x, y, cx, hy + 8, 60, 74));
  c = mix(c, [70, 48, 36], ellipse(x, y, cx - 10, hy - 64, 62, 30) * clamp((hy - 44 - y) / 2 + 0.5));
  for (const ex of [cx - 22, cx + 22]) c = mix(c, [58, 42, 36], ellipse(x, y, ex, hy + 4, 5, 6));
  const smile = clamp(1.6 - Math.abs(Math.hypot(x - cx, y - (hy + 14)) - 28)) * clamp((y - (hy + 34)) / 2);
  return mix(c, [168, 92, 86], smile);
}

/** Writes the clip to `file` (once; it is made again only if missing) and returns its path. */
export function fakeCameraFile(file) {
  if (existsSync(file)) return file;
  const ySize = W * H;
  const cSize = (W / 2) * (H / 2);
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F${FPS}:1 Ip A1:1 C420jpeg\n`);
  const frames = [header];
  const rgb = new Float32Array(ySize * 3);
  // The room does not move: drawn once, then only the person's box again for each frame.
  const still = new Float32Array(ySize * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) still.set(pixel(x + 0.5, y + 0.5, 0, false), (y * W + x) * 3);
  }
  for (let f = 0; f < FRAMES; f++) {
    const t = f / FRAMES;
    rgb.set(still);
    for (let y = PERSON_TOP; y < H; y++) {
      for (let x = PERSON_LEFT; x < PERSON_RIGHT; x++) {
        const [r, g, b] = pixel(x + 0.5, y + 0.5, t, true);
        const i = (y * W + x) * 3;
        rgb[i] = r;
        rgb[i + 1] = g;
        rgb[i + 2] = b;
      }
    }
    const frame = Buffer.alloc(6 + ySize + 2 * cSize);
    frame.write('FRAME\n');
    // Full-range BT.601 (C420jpeg), chroma averaged over 2x2 pixels.
    for (let i = 0; i < ySize; i++) frame[6 + i] = Math.round(0.299 * rgb[i * 3] + 0.587 * rgb[i * 3 + 1] + 0.114 * rgb[i * 3 + 2]);
    for (let y = 0; y < H / 2; y++) {
      for (let x = 0; x < W / 2; x++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
          const i = ((2 * y + dy) * W + 2 * x + dx) * 3;
          r += rgb[i] / 4;
          g += rgb[i + 1] / 4;
          b += rgb[i + 2] / 4;
        }
        const u = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
        const v = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
        frame[6 + ySize + y * (W / 2) + x] = Math.max(0, Math.min(255, Math.round(u)));
        frame[6 + ySize + cSize + y * (W / 2) + x] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
    frames.push(frame);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat(frames));
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(fakeCameraFile(process.argv[2] ?? 'build/fake-camera.y4m'));
