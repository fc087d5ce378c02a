// Renders a quality mark badge to PNG at each size ten times (resvg): `node bench/quality-mark-badge.mjs` (decision 028).
import { Resvg } from "@resvg/resvg-js";

const svg = `<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512"><circle cx="256" cy="256" r="248" fill="#7a5c00"/><circle cx="256" cy="256" r="222" fill="#d4af37"/><text x="256" y="280" font-family="DejaVu Sans" font-size="72" font-weight="bold" text-anchor="middle">GOLD</text><text x="256" y="345" font-family="DejaVu Sans" font-size="40" text-anchor="middle">2025/26</text></svg>`;
for (const size of [128, 512, 1024]) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    bytes = new Resvg(svg, {
      fitTo: { mode: "width", value: size },
      font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    })
      .render()
      .asPng().length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `size ${size}: median ${times[5].toFixed(1)} ms, first ${times[0].toFixed(1)}-${times[9].toFixed(1)} ms, ${bytes} bytes`,
  );
}
