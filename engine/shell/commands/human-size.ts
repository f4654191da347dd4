/**
 * coreutils' human-readable sizes as du -h and df -h print them (human.c with
 * human_ceiling | human_autoscale | human_SI): the amount rounded up, one decimal below 10
 * (`4.0K`, `1.5M`), whole numbers from 10 on (`12K`, `252G`), no suffix below one unit.
 * `si`: powers of 1000 with a lower-case `k` (--si, -H); otherwise powers of 1024.
 */
const SUFFIXES = ["", "K", "M", "G", "T", "P", "E", "Z", "Y"];

export function humanSize(bytes: number, si = false): string {
  const base = si ? 1000 : 1024;
  const suffix = (exp: number) => (si && exp === 1 ? "k" : SUFFIXES[exp]);
  if (bytes < base) return String(Math.ceil(bytes));
  let exp = 1;
  while (exp < SUFFIXES.length - 1 && bytes >= base ** (exp + 1)) exp++;
  const unit = base ** exp;
  // Tenths rounded up, in integers so that 1.1 stays 1.1.
  const tenths = Math.ceil((bytes * 10) / unit - 1e-9);
  if (tenths < 100) return `${Math.floor(tenths / 10)}.${tenths % 10}${suffix(exp)}`;
  const whole = Math.ceil(bytes / unit - 1e-9);
  if (whole >= base && exp < SUFFIXES.length - 1) return `1.0${suffix(exp + 1)}`;
  return `${whole}${suffix(exp)}`;
}

/** `amount` bytes in blocks of `block` bytes, rounded up (du -k/-m, df's 1K-blocks). */
export function blocks(bytes: number, block: number): number {
  return Math.ceil(bytes / block);
}
