/**
 * Seeded randomness and hashing: the only sources of chance in core.
 * sfc32 for the stream, FNV-1a for stable names (pod-template-hash).
 */

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A uint32. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return this.next() % n;
  }

  /** A random UUID (version 4 layout) from the seeded stream. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const s = hex(this.next()) + hex(this.next()) + hex(this.next()) + hex(this.next());
    const variant = ((parseInt(s[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
  }

  /** A suffix as apimachinery's rand.String: consonants and digits that spell no words. */
  suffix(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += SAFE_ALPHABET[this.int(SAFE_ALPHABET.length)];
    return out;
  }
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a 32-bit over a string's UTF-16 code units folded to bytes. */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    while (code > 0) {
      h ^= code & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
      code >>>= 8;
    }
  }
  return h >>> 0;
}

/** apimachinery's rand.SafeEncodeString: map each character onto the safe alphabet. */
export function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** The pod-template-hash for a template: SafeEncodeString(fmt.Sprint(fnv32a(template))). */
export function templateHash(canonicalJson: string, collisionCount = 0): string {
  return safeEncode(String(fnv32a(collisionCount ? canonicalJson + String(collisionCount) : canonicalJson)));
}
