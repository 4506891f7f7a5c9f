/** Micros per dollar: the API states every amount of money in integer micros. */
export const microsPerDollar = 1_000_000;

/**
 * Converts dollars to integer micros, for example `dollars(25)` is 25,000,000. Throws on
 * amounts finer than one micro, which the API cannot represent.
 */
export function dollars(amount: number): number {
  if (!Number.isFinite(amount)) {
    throw new RangeError(`dollars(): ${amount} is not a finite amount`);
  }
  const micros = Math.round(amount * microsPerDollar);
  if (Math.abs(micros - amount * microsPerDollar) > 1e-6 * Math.max(1, Math.abs(micros))) {
    throw new RangeError(`dollars(): ${amount} has more precision than one micro ($0.000001)`);
  }
  return micros;
}

/** Converts cents to integer micros, for example `cents(150)` is 1,500,000. */
export function cents(amount: number): number {
  return dollars(amount / 100);
}
