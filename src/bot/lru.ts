import { randomBytes } from 'node:crypto';

/** A small bounded map that forgets the least recently used entry first. */
export class LruCache<V> {
  private readonly map = new Map<string, V>();
  constructor(readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  /** Store under a fresh short random key (fits in a button custom id) and return the key. */
  add(value: V): string {
    let key: string;
    do key = randomBytes(6).toString('base64url');
    while (this.map.has(key));
    this.set(key, value);
    return key;
  }
}
