import { deepFreeze } from "../util/freeze";

/**
 * A template goes from the warming thread to a serving thread as text, and taking it in (parse,
 * freeze) holds the serving thread: a learner's command waits behind it. A mock exam's template is
 * megabytes, tens of milliseconds in one piece. So it is sent as parts of about PART_CHARS each: a
 * large array (or object) is cut into slices (one part each, large values inside cut again), and the receiver
 * parses and freezes one part per step, giving the event loop back between steps.
 *
 * A part is `{ v, h }`: its value, and its holes — where a value cut out of it goes back, as a
 * path inside `v` and the parts holding its slices. Slices come before the part they go
 * into, and the root is the last part, so each part is whole (and can be frozen) once parsed.
 */
export const PART_CHARS = 64 * 1024;

type Path = (string | number)[];
/** [path inside the part's value, the parts holding its slices in order, 1 when it is an object (its slices hold some of its keys each)] */
type Hole = [Path, number[]] | [Path, number[], 1];
interface Part {
  v: unknown;
  h: Hole[];
}

/** `value` (plain JSON data) as parts; the last one is the root. */
export function toParts(value: unknown, partChars = PART_CHARS): string[] {
  const sizes = new Map<object, number>();
  jsonSize(value, sizes);
  const parts: string[] = [];
  const holes: Hole[] = [];
  const root = cut(value, [], holes, parts, sizes, partChars);
  parts.push(JSON.stringify({ v: root, h: holes } satisfies Part));
  return parts;
}

/** The JSON text length of `value`, near enough: what decides where arrays are cut. */
function jsonSize(value: unknown, sizes: Map<object, number>): number {
  if (value === null || typeof value !== "object") return typeof value === "string" ? value.length + 2 : String(value).length;
  let size = 2;
  if (Array.isArray(value)) for (const item of value) size += jsonSize(item, sizes) + 1;
  else for (const key in value) size += key.length + 4 + jsonSize((value as Record<string, unknown>)[key], sizes);
  sizes.set(value, size);
  return size;
}

/** `value` with its large arrays and objects replaced by null, each recorded as a hole of the current part. */
function cut(value: unknown, path: Path, holes: Hole[], parts: string[], sizes: Map<object, number>, partChars: number): unknown {
  if (value === null || typeof value !== "object") return value;
  const size = sizes.get(value) ?? 0;
  if (size <= partChars) return value;
  const isArray = Array.isArray(value);
  // An object too large for one part (plugin state keyed by name) is cut by keys, as an array by items.
  const items: [string | number, unknown][] = isArray ? value.map((item, i) => [i, item]) : Object.entries(value);
  const slices: number[] = [];
  let slice: unknown[] | Record<string, unknown> = isArray ? [] : {};
  let sliceHoles: Hole[] = [];
  let sliceSize = 0;
  let count = 0;
  const flush = () => {
    slices.push(parts.push(JSON.stringify({ v: slice, h: sliceHoles } satisfies Part)) - 1);
    slice = isArray ? [] : {};
    sliceHoles = [];
    sliceSize = 0;
    count = 0;
  };
  for (const [key, item] of items) {
    const itemSize = item !== null && typeof item === "object" ? (sizes.get(item) ?? 0) : jsonSize(item, sizes);
    if (count > 0 && sliceSize + itemSize > partChars) flush();
    if (Array.isArray(slice)) slice.push(cut(item, [slice.length], sliceHoles, parts, sizes, partChars));
    else setOwn(slice, key as string, cut(item, [key], sliceHoles, parts, sizes, partChars));
    sliceSize += itemSize;
    count++;
  }
  if (count > 0) flush();
  holes.push(isArray ? [path, slices] : [path, slices, 1]);
  return null;
}

/** A "__proto__" key of JSON data is an own key; assignment would set the prototype instead. */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Takes in parts one step at a time; `done` once the root (the last part) is in. */
export class PartsReceiver {
  private values: unknown[] = [];
  private next = 0;
  private root: unknown;

  constructor(private parts: readonly string[]) {}

  get done(): boolean {
    return this.next >= this.parts.length;
  }

  /** Parses, fills and deeply freezes the next part. */
  step(): void {
    const part = JSON.parse(this.parts[this.next]) as Part;
    for (const [path, slices, isObject] of part.h) {
      let whole: unknown[] | Record<string, unknown>;
      if (isObject) {
        const object: Record<string, unknown> = {};
        for (const i of slices) for (const [key, item] of Object.entries(this.values[i] as object)) setOwn(object, key, item);
        whole = object;
      } else {
        // Sized up front: an array grown by push keeps spare room, and templates are kept for hours.
        let length = 0;
        for (const i of slices) length += (this.values[i] as unknown[]).length;
        const array: unknown[] = new Array(length);
        let at = 0;
        for (const i of slices) for (const item of this.values[i] as unknown[]) array[at++] = item;
        whole = array;
      }
      for (const i of slices) this.values[i] = undefined;
      if (path.length === 0) part.v = whole;
      else {
        let parent = part.v as Record<string | number, unknown>;
        for (let k = 0; k < path.length - 1; k++) parent = parent[path[k]] as Record<string | number, unknown>;
        setOwn(parent, path[path.length - 1], whole);
      }
    }
    this.values[this.next++] = deepFreeze(part.v);
    if (this.done) {
      // Whoever keeps the receiver must not keep the text too (megabytes per template).
      this.root = this.values[this.next - 1];
      this.parts = [];
      this.values = [];
      this.next = 0;
    }
  }

  /** The value sent (deeply frozen); only once done. */
  get value(): unknown {
    if (!this.done) throw new Error("template parts not all taken in yet");
    return this.root;
  }
}
