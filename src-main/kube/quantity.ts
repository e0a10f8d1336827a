/**
 * resource.Quantity: parsing (`100m`, `1.5Gi`, `2e3`, `500Mi`, ...) exactly as apimachinery does,
 * rounding to nano precision, and the canonical form the apiserver stores and prints (`0.5` →
 * `500m`, `1000` → `1k`, `1024Ki` → `1Mi`). Values are exact: an integer mantissa times a power
 * of ten.
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export const ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  override readonly name = 'QuantityError';
}

const DEC_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXPONENT = new Map(Object.entries(DEC_SUFFIXES).map(([s, e]) => [e, s]));
const BIN_BY_EXPONENT = new Map(Object.entries(BIN_SUFFIXES).map(([s, e]) => [e, s]));

/** The largest BinarySI value (2^63 - 1); bigger ones are clamped. */
const MAX_ALLOWED = (1n << 63n) - 1n;
const NANO = -9;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Divides by 10^n rounding away from zero (inf.RoundUp). */
function divRoundUp(value: bigint, n: number): bigint {
  const d = pow10(n);
  const q = value / d;
  if (q * d === value) return q;
  return value < 0n ? q - 1n : q + 1n;
}

interface Scanned {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, integer digits, fraction digits, then the suffix. */
function scan(str: string): Scanned {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (pos < end && (str[0] === '-' || str[0] === '+')) {
    positive = str[0] === '+';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  let start = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const num = str.slice(start, pos) || '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    start = pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(ERR_FORMAT_WRONG);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpret(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  if (suffix in DEC_SUFFIXES) return { base: 10, exponent: DEC_SUFFIXES[suffix], format: 'DecimalSI' };
  if (suffix in BIN_SUFFIXES) return { base: 2, exponent: BIN_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Number.isSafeInteger(exponent) && Math.abs(exponent) < 2 ** 31) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityError(ERR_SUFFIX);
}

export class Quantity {
  /** The value is `unscaled × 10^scale`. */
  private constructor(
    readonly unscaled: bigint,
    readonly scale: number,
    readonly format: QuantityFormat,
  ) {}

  /** resource.ParseQuantity (surrounding spaces trimmed, as JSON decoding does). Throws QuantityError. */
  static parse(input: string | number): Quantity {
    const str = typeof input === 'number' ? numberString(input) : input.trim();
    if (str.length === 0) throw new QuantityError(ERR_FORMAT_WRONG);
    if (str === '0') return new Quantity(0n, 0, 'DecimalSI');
    const { positive, num, denom, suffix } = scan(str);
    const { base, exponent, format } = interpret(suffix);
    let unscaled = BigInt(num + denom);
    let scale = -denom.length;
    let fmt: QuantityFormat = format;
    if (base === 10) scale += exponent;
    else unscaled *= 1n << BigInt(exponent);
    if (scale < NANO && unscaled !== 0n) {
      unscaled = divRoundUp(unscaled, NANO - scale);
      scale = NANO;
    }
    const q = new Quantity(unscaled, scale, fmt);
    if (fmt === 'BinarySI' && q.cmpBig(MAX_ALLOWED, 0) > 0) return new Quantity(positive ? MAX_ALLOWED : -MAX_ALLOWED, 0, fmt);
    if (fmt === 'BinarySI' && unscaled > 0n && q.cmpBig(1n, 0) < 0) fmt = 'DecimalSI';
    return new Quantity(positive ? unscaled : -unscaled, scale, fmt);
  }

  /** A value of `value × 10^scale`, e.g. fromScaled(250, -3) is 250m. */
  static fromScaled(value: bigint | number, scale: number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), scale, format);
  }

  /** An integer in BinarySI, as node capacity is reported (`16302436Ki`). */
  static fromBytes(bytes: bigint | number): Quantity {
    return new Quantity(BigInt(bytes), 0, 'BinarySI');
  }

  /** Milli-units in DecimalSI, as CPU is usually written (`250m`). */
  static fromMilli(milli: bigint | number): Quantity {
    return new Quantity(BigInt(milli), -3, 'DecimalSI');
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  sign(): number {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  /** Compares to `value × 10^scale`. */
  private cmpBig(value: bigint, scale: number): number {
    const s = Math.min(this.scale, scale);
    const a = this.unscaled * pow10(this.scale - s);
    const b = value * pow10(scale - s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  cmp(other: Quantity): number {
    return this.cmpBig(other.unscaled, other.scale);
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  add(other: Quantity): Quantity {
    const s = Math.min(this.scale, other.scale);
    return new Quantity(this.unscaled * pow10(this.scale - s) + other.unscaled * pow10(other.scale - s), s, this.format);
  }

  sub(other: Quantity): Quantity {
    return this.add(new Quantity(-other.unscaled, other.scale, other.format));
  }

  neg(): Quantity {
    return new Quantity(-this.unscaled, this.scale, this.format);
  }

  /** ceil(q / 10^scale) away from zero (ScaledValue). */
  scaledValue(scale: number): bigint {
    if (this.scale >= scale) return this.unscaled * pow10(this.scale - scale);
    return divRoundUp(this.unscaled, scale - this.scale);
  }

  /** Value(): rounded up to an integer. */
  value(): number {
    return Number(this.scaledValue(0));
  }

  /** MilliValue(): ceil(q × 1000). */
  milliValue(): number {
    return Number(this.scaledValue(-3));
  }

  /** An approximate float, for arithmetic where exactness does not matter (usage, scoring). */
  toNumber(): number {
    return Number(`${this.unscaled}e${this.scale}`);
  }

  /** RoundUp(scale): rounds up (away from zero) to 10^scale precision, as defaulting does with milli. */
  roundUp(scale: number): Quantity {
    if (this.scale >= scale) return this;
    return new Quantity(divRoundUp(this.unscaled, scale - this.scale), scale, this.format);
  }

  /** The canonical string (Quantity.String / CanonicalizeBytes). */
  toString(): string {
    if (this.unscaled === 0n) return '0';
    let format = this.format;
    if (format === 'BinarySI') {
      if (this.cmpBig(-1024n, 0) > 0 && this.cmpBig(1024n, 0) < 0) format = 'DecimalSI';
      else if (this.scale < 0 && this.unscaled % pow10(-this.scale) !== 0n) format = 'DecimalSI';
    }
    if (format === 'BinarySI') {
      let amount = this.scaledValue(0);
      let exponent = 0;
      while (amount !== 0n && amount % 1024n === 0n) {
        amount /= 1024n;
        exponent += 10;
      }
      return `${amount}${BIN_BY_EXPONENT.get(exponent) ?? ''}`;
    }
    let amount = this.unscaled;
    let exponent = this.scale;
    while (amount % 10n === 0n) {
      amount /= 10n;
      exponent++;
    }
    switch (exponent % 3) {
      case 1:
      case -2:
        amount *= 10n;
        exponent -= 1;
        break;
      case 2:
      case -1:
        amount *= 100n;
        exponent -= 2;
        break;
    }
    if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
    // Upstream prints no suffix for exponents beyond E (and so mis-prints them); so do we.
    return `${amount}${DEC_BY_EXPONENT.get(exponent) ?? ''}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** JSON numbers are accepted where a quantity is expected; Go reads their literal text. */
function numberString(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(ERR_FORMAT_WRONG);
  return String(n);
}

/** Parses a quantity (string or JSON number) to its approximate numeric value. Throws QuantityError. */
export function parseQuantity(s: string | number): number {
  return Quantity.parse(s).toNumber();
}

/** The canonical form of a quantity string, e.g. `0.5` → `500m`; throws QuantityError. */
export function canonicalQuantity(s: string | number): string {
  return Quantity.parse(s).toString();
}
