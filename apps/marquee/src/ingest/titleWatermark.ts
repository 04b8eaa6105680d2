import { idNumber } from './compactIds.ts';

/**
 * How far title.principals has got, so that title.crew can load beside it: a title.crew batch
 * needs every director and writer credit title.principals has for its titles (a credit both
 * files name is title.principals', and title.crew counts it as already there). While
 * title.principals comes sorted by tconst, as IMDb publishes it, every title below the one it is
 * on is complete; the first title out of order (or an id in another spelling) stops the
 * watermark, and title.crew then waits for the end of title.principals, as a sequential load would.
 */
export class TitleWatermark {
  /** Every title numbered at most this has all its title.principals lines handed to the writer. */
  private passed = -1;
  private current = -1;
  private ordered = true;
  private done = false;
  private waiting: { title: number; resolve: () => void }[] = [];

  /** title.principals' titles, in file order, as their lines are handed to the writer. */
  see(tconst: string): void {
    if (!this.ordered || this.done) return;
    const title = idNumber(tconst);
    if (title < 0 || title < this.current) {
      this.ordered = false;
      return;
    }
    if (title === this.current) return;
    this.current = title;
    this.passed = title - 1;
    this.release();
  }

  /** title.principals is written to its end (or failed): nothing waits any more. */
  finish(): void {
    this.done = true;
    this.release();
  }

  /** Settles once title.principals is complete for every one of `tconsts`. */
  async reached(tconsts: Iterable<string>): Promise<void> {
    let highest = -1;
    for (const tconst of tconsts) {
      const title = idNumber(tconst);
      // An id in another spelling has no place in the order: wait for the end.
      highest = title < 0 ? Infinity : Math.max(highest, title);
      if (highest === Infinity) break;
    }
    if (this.isReached(highest)) return;
    await new Promise<void>((resolve) => this.waiting.push({ title: highest, resolve }));
  }

  private isReached(title: number): boolean {
    return this.done || (this.ordered && title <= this.passed);
  }

  private release(): void {
    const still: typeof this.waiting = [];
    for (const waiter of this.waiting) {
      if (this.isReached(waiter.title)) waiter.resolve();
      else still.push(waiter);
    }
    this.waiting = still;
  }
}
