/** One rendered row of a tree view, as a person (or a screen reader) sees it. */
export interface TreeRow {
  /** Position in the flattened tree (data-index); stable while nothing above it changes. */
  index: number;
  /** 1 for root rows, 2 for their children, … */
  level: number;
  label: string;
  description: string;
  ariaLabel: string;
  /** undefined for rows that cannot expand. */
  expanded: boolean | undefined;
}

export type RowMatch = string | RegExp | ((row: TreeRow) => boolean);
