import type { Sym } from './ids.js';

/**
 * SymbolTable interns strings to dense integers once, at load time, so the hot path
 * compares integers. One table per run: syms from two tables are not comparable.
 */
export class SymbolTable {
  private readonly byText = new Map<string, Sym>();
  private readonly texts: string[] = [];
  /** Parsed integer value of a sym's text, for NodeSelector Gt/Lt; filled lazily. */
  private readonly ints: (number | undefined)[] = [];

  /** The sym for `text`, creating it when new. */
  intern(text: string): Sym {
    let s = this.byText.get(text);
    if (s === undefined) {
      s = this.texts.length as Sym;
      this.texts.push(text);
      this.byText.set(text, s);
    }
    return s;
  }

  /** The sym for `text` if it was ever interned, else undefined (never creates one). */
  lookup(text: string): Sym | undefined {
    return this.byText.get(text);
  }

  /** The text behind a sym. */
  text(sym: Sym): string {
    const t = this.texts[sym];
    if (t === undefined) throw new Error(`unknown symbol ${sym}`);
    return t;
  }

  /**
   * A table holding the same syms as this one, which then grows on its own: objects
   * compiled against this table stay valid in the copy (see ModelContext.copy).
   */
  copy(): SymbolTable {
    const t = new SymbolTable();
    for (const text of this.texts) t.intern(text);
    return t;
  }

  /** How many syms exist. */
  get size(): number {
    return this.texts.length;
  }

  /**
   * The sym's text as a base-10 int64 the way Go's strconv.ParseInt reads it, or NaN
   * when it is not one. NodeSelector Gt/Lt compare label values through this.
   */
  intValue(sym: Sym): number {
    let v = this.ints[sym];
    if (v === undefined) {
      const t = this.text(sym);
      v = /^[+-]?\d+$/.test(t) ? Number(t) : Number.NaN;
      if (!Number.isSafeInteger(v)) v = Number.NaN;
      this.ints[sym] = v;
    }
    return v;
  }
}
