import { Ch, Cls, is } from './charClass';

/** What the text before the first '/' looks like, as far as choosing a reading goes. */
export const enum HeadShape {
  /** An '@' comes first: the '/' is inside a digest. */
  AtInHead = -1,
  Plain = 0,
  /** Registry-shaped because of a '.', which a path may also contain. */
  Registry = 1,
  /** Registry-shaped because of a ':', '[' or an uppercase letter, none of which a path may contain. */
  Blocking = 2,
  /** Not read yet: the strict reading looks at the head's shape only on the way out of a failure. */
  Unread = 3,
}

/**
 * Reads the text before the first '/': an '@' there means the '/' is inside a
 * digest; otherwise Go's test for a registry applies (a '.' or ':', or not all
 * lowercase), to which we add an IPv6 '['.
 */
export function headKind(s: string, head: number): HeadShape {
  let kind = HeadShape.Plain;
  for (let i = 0; i < head; i++) {
    const c = s.charCodeAt(i);
    if (c === Ch.At) return HeadShape.AtInHead;
    if (c === Ch.Colon || c === Ch.LBracket || is(c, Cls.Upper)) kind = HeadShape.Blocking;
    else if (c === Ch.Dot && kind === HeadShape.Plain) kind = HeadShape.Registry;
  }
  return kind;
}
