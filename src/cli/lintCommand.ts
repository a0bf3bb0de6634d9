export async function runLint(_args: string[]): Promise<number> {
  process.stderr.write('stowage lint: not built yet\n');
  return 2;
}
