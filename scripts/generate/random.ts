import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * The generator's only source of chance: a small counter-based generator (sfc32) seeded from the run's seed and a
 * label, so each household, case and programme draws from its own stream and the same seed gives the same city
 * however the work is cut into batches.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string, ...label: (string | number)[]) {
    const digest = createHash('sha256')
      .update(`${seed}\u0000${label.join('\u0000')}`)
      .digest();
    this.a = digest.readUInt32LE(0);
    this.b = digest.readUInt32LE(4);
    this.c = digest.readUInt32LE(8);
    this.d = digest.readUInt32LE(12);
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the keys, with probability proportional to its weight. */
  weighted<T extends string>(weights: Readonly<Partial<Record<T, number>>>): T {
    const entries = Object.entries(weights) as [T, number][];
    let roll = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** Roughly normal (sum of three uniforms), mean 0, standard deviation 1. */
  normal(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2;
  }

  /** 16 bytes for an id. */
  bytes(): Uint8Array {
    const out = new Uint8Array(16);
    for (let i = 0; i < 16; i += 4) {
      const n = Math.floor(this.next() * 4294967296);
      out[i] = n & 255;
      out[i + 1] = (n >>> 8) & 255;
      out[i + 2] = (n >>> 16) & 255;
      out[i + 3] = (n >>> 24) & 255;
    }
    return out;
  }
}

/**
 * A UUIDv7 (docs/architecture.md, API conventions) for a record made at `at`, its random part drawn from the
 * seed and the record's label: the same seed gives the same ids, and ids still sort by time.
 */
export function idFor(at: Date, seed: string, ...label: (string | number)[]): string {
  return uuidv7({ msecs: at.getTime(), random: new Random(seed, 'id', ...label).bytes() });
}
