import { hashString, SeededRandom } from '../random/seeded-random';
import { encodeBlockJpeg } from './jpeg-encoder';

const GRID = 4;

/**
 * A 32×32 greyscale "identicon" for a person: a mirrored 4×4 pattern from their id, so every pupil
 * and member of staff gets a distinct, stable, valid JPEG of a few hundred bytes.
 */
export function avatarJpeg(seed: number, personKey: string): Buffer {
  const rng = new SeededRandom(hashString(`${seed}|photo|${personKey}`));
  const background = rng.int(200, 245);
  const foreground = rng.int(30, 140);
  const blocks: number[] = [];
  for (let row = 0; row < GRID; row++) {
    const left = [rng.chance(0.5), rng.chance(0.5)];
    const cells = [left[0], left[1], left[1], left[0]];
    for (const filled of cells) blocks.push(filled ? foreground : background);
  }
  return encodeBlockJpeg(blocks, GRID);
}
