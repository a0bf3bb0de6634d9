import { inFolder } from './inFolder';

/**
 * Per path, over the leaves of every layer: dive's sum and smallest size, and in how
 * many layers it is a leaf. Kept as columns of numbers behind a map per folder, not
 * an object per path in one map: on 300,000 paths the objects and the long keys
 * cost about three times as much (profiled), and this runs for every analysis.
 */
export class DivePaths {
  /** Paths without a slash, then the others by folder (two maps, so no folder key can stand for "no folder"). */
  private readonly top = new Map<string, number>();
  private readonly folders = new Map<string, Map<string, number>>();
  private cumulative = new Float64Array(1024);
  private min = new Float64Array(1024);
  private count = new Uint32Array(1024);
  private layer = new Int32Array(1024);
  private size = 0;
  /** The folder last visited and its map: a layer's leaves come folder by folder, so most visits skip a slice and a lookup. */
  private lastFolder?: string;
  private lastNames = this.top;

  /** Counts `bytes` at `path` for `layer`, unless that layer counted the path already (dive keeps one entry per path per layer). */
  visit(path: string, bytes: number, layer: number): void {
    const slash = path.lastIndexOf('/');
    let names = this.top;
    let name = path;
    if (slash >= 0) {
      name = path.slice(slash + 1);
      if (inFolder(path, slash, this.lastFolder)) names = this.lastNames;
      else {
        const dir = path.slice(0, slash);
        const found = this.folders.get(dir);
        if (found) names = found;
        else this.folders.set(dir, (names = new Map()));
        this.lastFolder = dir;
        this.lastNames = names;
      }
    }
    const at = names.get(name);
    if (at === undefined) {
      if (this.size === this.count.length) this.grow();
      const i = this.size++;
      names.set(name, i);
      this.cumulative[i] = bytes;
      this.min[i] = bytes;
      this.count[i] = 1;
      this.layer[i] = layer;
      return;
    }
    if (this.layer[at] === layer) return;
    this.cumulative[at] += bytes;
    if (bytes < this.min[at]) this.min[at] = bytes;
    this.count[at]++;
    this.layer[at] = layer;
  }

  /** Over every path: the sum of the smallest sizes, the sum of the sums, and the sum of the sums of paths seen in two layers or more. */
  totals(): { min: number; cumulative: number; wasted: number } {
    let min = 0;
    let cumulative = 0;
    let wasted = 0;
    for (let i = 0; i < this.size; i++) {
      min += this.min[i];
      cumulative += this.cumulative[i];
      if (this.count[i] >= 2) wasted += this.cumulative[i];
    }
    return { min, cumulative, wasted };
  }

  private grow(): void {
    const n = this.count.length * 2;
    const cumulative = new Float64Array(n);
    cumulative.set(this.cumulative);
    this.cumulative = cumulative;
    const min = new Float64Array(n);
    min.set(this.min);
    this.min = min;
    const count = new Uint32Array(n);
    count.set(this.count);
    this.count = count;
    const layer = new Int32Array(n);
    layer.set(this.layer);
    this.layer = layer;
  }
}
