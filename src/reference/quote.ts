/** Puts input text into a message; long inputs must not turn into megabyte-long messages. */
export function quote(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 37)}...`;
}
