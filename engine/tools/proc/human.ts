/**
 * gnulib's human_readable() as GNU df, du and ls print sizes with -h (powers of 1024, "K") and -H
 * (powers of 1000, "k"): exact integer arithmetic, rounded up (coreutils' default), one decimal
 * below 10 ("4.0K", "9.8M"), none from 10 on ("12G"); bytes below one unit have no suffix ("0").
 */
const POWER_LETTERS = ["", "K", "M", "G", "T", "P", "E", "Z", "Y"];

export function humanCeiling(bytes: number, base: 1024 | 1000): string {
  let amt = Math.floor(bytes);
  let tenths = 0;
  // 0: exact; 1: below half a tenth; 2: exactly half; 3: above half.
  let rounding = 0;
  let exponent = 0;
  let decimal = "";
  if (base <= amt) {
    do {
      const r10 = (amt % base) * 10 + tenths;
      const r2 = (r10 % base) * 2 + (rounding >> 1);
      amt = Math.floor(amt / base);
      tenths = Math.floor(r10 / base);
      rounding = r2 < base ? (r2 + rounding !== 0 ? 1 : 0) : 2 + (base < r2 + rounding ? 1 : 0);
      exponent++;
    } while (base <= amt && exponent < POWER_LETTERS.length - 1);
    if (amt < 10) {
      if (rounding > 0) {
        tenths++;
        rounding = 0;
        if (tenths === 10) {
          amt++;
          tenths = 0;
        }
      }
      if (amt < 10) {
        decimal = `.${tenths}`;
        tenths = rounding = 0;
      }
    }
  }
  if (tenths + rounding > 0) {
    amt++;
    if (amt === base && exponent < POWER_LETTERS.length - 1) {
      exponent++;
      decimal = ".0";
      amt = 1;
    }
  }
  const letter = base === 1000 && exponent === 1 ? "k" : POWER_LETTERS[exponent];
  return `${amt}${decimal}${letter}`;
}
