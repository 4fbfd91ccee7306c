// Small data structures: the report schedule (a min-heap) and the bounded store of accepted messages.

/** @import { Encoding } from "./encoding.mjs" */

/**
 * An accepted message as kept for messages() and GET /__sim/messages. The optional fields are copied
 * from the `msg` object when it has them.
 * @typedef {object} StoredMessage
 * @property {number} id  1, 2, 3, … in order of acceptance
 * @property {string} to
 * @property {string} from
 * @property {{ type: string, content: string }} body  `type` lower-cased
 * @property {string | null} reference
 * @property {number} parts
 * @property {Encoding} encoding
 * @property {string} receivedAt  ISO-8601 UTC with Z
 * @property {string[]} [allowedChannels]
 * @property {number} [dcs]
 * @property {string} [validity]
 * @property {string} [customGrouping]
 * @property {string} [customGrouping2]
 * @property {string} [customGrouping3]
 * @property {number} [minimumNumberOfMessageParts]
 * @property {number} [maximumNumberOfMessageParts]
 */

/**
 * Binary min-heap on (dueAt, seq): O(log n) push/pop for the report schedule.
 * @template {{ dueAt: number, seq: number }} T
 */
export class Heap {
  constructor() {
    /** @type {T[]} */
    this.items = [];
  }
  get size() {
    return this.items.length;
  }
  /** @returns {T} the smallest item; only meaningful when size > 0 */
  peek() {
    return this.items[0];
  }
  clear() {
    this.items = [];
  }
  /** @param {T} item */
  push(item) {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  /** @returns {T} the smallest item, removed; only meaningful when size > 0 */
  pop() {
    const a = this.items;
    const top = a[0];
    const last = /** @type {T} */ (a.pop());
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l], a[m])) m = l;
        if (r < a.length && less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * @param {{ dueAt: number, seq: number }} x
 * @param {{ dueAt: number, seq: number }} y
 */
function less(x, y) {
  return x.dueAt < y.dueAt || (x.dueAt === y.dueAt && x.seq < y.seq);
}

/** Bounded FIFO store of accepted messages with an index by reference. Oldest are evicted first. */
export class MessageStore {
  /** @type {Array<StoredMessage | undefined>} from `head` on; slots before it are evicted */
  items = [];
  head = 0;
  /** @type {Map<string, StoredMessage[]>} reference ("" for none) → messages, oldest first */
  byRef = new Map();

  /** @param {number} max  messages kept; 0 or less keeps none */
  constructor(max) {
    this.max = max;
  }
  clear() {
    this.items = [];
    this.head = 0;
    this.byRef = new Map();
  }
  get size() {
    return this.items.length - this.head;
  }
  /** @param {StoredMessage} m */
  add(m) {
    if (this.max <= 0) return;
    this.items.push(m);
    const key = m.reference ?? "";
    const list = this.byRef.get(key);
    if (list) list.push(m);
    else this.byRef.set(key, [m]);
    if (this.size > this.max) this.evictOldest();
  }
  evictOldest() {
    const old = /** @type {StoredMessage} */ (this.items[this.head]);
    this.items[this.head] = undefined;
    this.head += 1;
    const key = old.reference ?? "";
    const list = this.byRef.get(key);
    if (list) {
      list.shift(); // the oldest of that reference is always first
      if (list.length === 0) this.byRef.delete(key);
    }
    if (this.head > 65_536 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
  /**
   * @param {string} ref
   * @returns {StoredMessage[]} the store's own list: copy before handing it out
   */
  byReference(ref) {
    return this.byRef.get(ref) ?? [];
  }
  /** @returns {StoredMessage[]} a copy, oldest first */
  all() {
    return /** @type {StoredMessage[]} */ (this.items.slice(this.head));
  }
}
