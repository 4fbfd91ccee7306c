/**
 * Group commit: callers add items and wait; items that arrive while a write is in flight, or during
 * a short linger before it, are written together by the next write. Under load this turns N
 * concurrent one-row D1 writes into a few multi-row writes, at the cost of `lingerMs` latency.
 * If a group fails, its items are retried one by one so a single bad item fails only its caller.
 */
interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommitter<T> {
  #pending: Pending<T>[] = [];
  #writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxGroup = 2_000,
    private readonly lingerMs = 0,
  ) {}

  add(items: T[]): Promise<void> {
    const waits = items.map((item) => new Promise<void>((resolve, reject) => this.#pending.push({ item, resolve, reject })));
    void this.#drain();
    return Promise.all(waits).then(() => undefined);
  }

  async #drain(): Promise<void> {
    if (this.#writing) return;
    this.#writing = true;
    try {
      while (this.#pending.length > 0) {
        if (this.lingerMs > 0) await new Promise((resolve) => setTimeout(resolve, this.lingerMs));
        const group = this.#pending.splice(0, this.maxGroup);
        try {
          await this.write(group.map((p) => p.item));
          for (const p of group) p.resolve();
        } catch (error) {
          if (group.length === 1) group[0]?.reject(error);
          else await this.#oneByOne(group);
        }
      }
    } finally {
      this.#writing = false;
    }
  }

  async #oneByOne(group: Pending<T>[]): Promise<void> {
    for (const p of group) {
      try {
        await this.write([p.item]);
        p.resolve();
      } catch (error) {
        p.reject(error);
      }
    }
  }
}
