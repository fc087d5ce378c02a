/** "#1f4e79" or "#abc": a colour a hub may choose for its documents and pages. */
export const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}){1,2}$/;

const channels = (hex: string): [number, number, number] => {
  if (!HEX_COLOUR.test(hex)) throw new RangeError(`Not a colour: ${hex}`);
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join("") : hex.slice(1);
  return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16) / 255) as [number, number, number];
};

/** WCAG relative luminance of a colour. */
export const luminance = (hex: string): number => {
  const [r, g, b] = channels(hex).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** White or near-black text, whichever reads better on the hub's colour. */
export const textColourOn = (background: string): "#ffffff" | "#111111" => {
  const l = luminance(background);
  return contrast(l, 1) >= contrast(l, luminance("#111111")) ? "#ffffff" : "#111111";
};
