/** Where the geo benchmarks put things and search: 40 metro centres across the continental US, the same every run. */

/** The centre of metro area k (0..39). */
export const metro = (k: number) => ({ latitude: 30 + k * 0.45, longitude: -122 + k * 1.2 });

/** Deterministic pseudo-random numbers, so every run seeds and searches the same points. */
export function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 2 ** 32;
    return s / 2 ** 32;
  };
}
