// Findings and messages quote user text (URLs, reasons, names, file paths). In a terminal or a CI
// log, control characters, ANSI escapes, line breaks and bidi overrides in that text must stay
// visible as text and never act: each becomes a \u{...} escape, so one finding stays one line.
// Every message the tools print goes through inert (one line) or inertMessage (several lines).
const ACTIVE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/gu;

export function inert(text: string): string {
  return text.replace(ACTIVE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** A message of several lines (a problem list): each line made inert, the line breaks kept. */
export function inertMessage(text: string): string {
  return text.split("\n").map(inert).join("\n");
}
