// The engine's blend (AnimeGan.Core.Imaging.ResultBlend), in the same integer steps, so the canvas shows what
// a download of the same strength and colours will hold. Keep colours adds the stylized luma change (BT.601 in
// 8-bit weights 77, 150, 29 of 256) to the photo and clamps each channel; strength then mixes the photo with
// that by a 16-bit fixed-point weight. Tested against the engine's own values in ThePage.

/** The strength 0..1 as the engine's 16-bit fixed-point weight. */
export function weight(strength) {
  return Math.floor((strength * 65536) + 0.5);
}

const clamp = (value) => (value <= 0 ? 0 : value >= 255 ? 255 : value);
const mix = (source, styled, w) => source + ((((styled - source) * w) + 32768) >> 16);

/**
 * Blends two ImageData of the same size into a third: the photo, its full-strength stylized version, the
 * target. Alpha is opaque.
 */
export function blend(source, styled, target, strength, keepColors) {
  const s = source.data;
  const t = styled.data;
  const out = target.data;
  const w = weight(strength);
  for (let i = 0; i < s.length; i += 4) {
    let r = t[i];
    let g = t[i + 1];
    let b = t[i + 2];
    if (keepColors) {
      const shift = ((77 * (r - s[i])) + (150 * (g - s[i + 1])) + (29 * (b - s[i + 2])) + 128) >> 8;
      r = clamp(s[i] + shift);
      g = clamp(s[i + 1] + shift);
      b = clamp(s[i + 2] + shift);
    }
    out[i] = mix(s[i], r, w);
    out[i + 1] = mix(s[i + 1], g, w);
    out[i + 2] = mix(s[i + 2], b, w);
    out[i + 3] = 255;
  }
}
