import seedrandom from 'seedrandom';

/**
 * A seeded random stream. Streams are derived from a root seed by name
 * (`rng.fork('cluster')`), so drawing more numbers in one part of a run never shifts the
 * numbers another part sees. Built on seedrandom's alea generator.
 */
export class Rng {
  private readonly next: () => number;

  private constructor(readonly seedText: string) {
    this.next = seedrandom.alea(seedText);
  }

  /** The root stream of a run. */
  static fromSeed(seed: number | string): Rng {
    return new Rng(`schedbench:${String(seed)}`);
  }

  /** An independent stream named `name`, a pure function of this stream's seed and the name. */
  fork(name: string): Rng {
    return new Rng(`${this.seedText}/${name}`);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
