// Text the database can store: SQLite and Prisma need valid UTF-8, which a JavaScript string
// holding a lone UTF-16 surrogate (from a JSON "\ud800" escape) cannot become. Refused at the
// edges (lib/http/body.ts, lib/auth-guards.ts) with a 4xx instead of failing in a query.

/** Whether `s` is well-formed UTF-16 (String.prototype.isWellFormed, spelled for this TS target). */
export function isWellFormed(s: string): boolean {
  // With the u flag a surrogate pair is one code point, so only a lone surrogate matches.
  return !/[\uD800-\uDFFF]/u.test(s);
}

/**
 * Control characters, line separators and bidirectional overrides: they break a name's line in
 * the CSV or reorder how it reads on the instructor's pages. (Zero-width joiners stay allowed:
 * emoji and several scripts need them.)
 */
export function hasControlCharacters(s: string): boolean {
  return /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u.test(s);
}
