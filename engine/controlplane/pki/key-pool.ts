import pool from "./key-pool.json";
import { signingKey, type SigningKey } from "./sign";

/**
 * Pre-generated RSA keys (see generate-key-pool.ts). Parsed once per process; key i of every
 * cluster is the same key, which is harmless here and keeps environment start fast.
 */
const parsed: (SigningKey | undefined)[] = [];

export const KEY_POOL_SIZE = pool.length;

export function pooledKey(index: number): SigningKey {
  const i = ((index % pool.length) + pool.length) % pool.length;
  return (parsed[i] ??= signingKey(pool[i]));
}
