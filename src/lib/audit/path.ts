// Reads back a path written by formatPath ("entities[0].access.Administrator", 'a["odd key"]') into
// segments, so a finding can be located in the file.
import type { PathSegment } from "../spec/problems.js";

const TOKEN = /\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/** Segments of a path; undefined when the text is not a path formatPath could have written. */
export function parsePath(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < path.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(path);
    if (!match || (start === 0 && path.startsWith("."))) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]!) as string);
  }
  return segments;
}
