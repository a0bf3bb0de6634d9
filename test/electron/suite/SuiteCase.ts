/** One check of the desktop suite: a name to report and the body that throws on failure. */
export interface SuiteCase {
  name: string;
  run: () => Promise<void>;
}
