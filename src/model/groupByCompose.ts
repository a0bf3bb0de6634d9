import type { ContainerSummary } from '../engine/types';

/** The labels Docker Compose puts on every container it starts. */
export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_SERVICE = 'com.docker.compose.service';
export const COMPOSE_NUMBER = 'com.docker.compose.container-number';

export interface ComposeProject {
  readonly project: string;
  /** By service, then by container number (web-1 before web-2 before web-10). */
  readonly containers: readonly ContainerSummary[];
  readonly running: number;
}

export interface ComposeGrouping {
  /** By project name. */
  readonly projects: readonly ComposeProject[];
  /** Containers Compose did not start, in the order given. */
  readonly others: readonly ContainerSummary[];
}

/** Groups containers by their Compose project label, as other Docker sidebars do. Pure. */
export function groupByCompose(containers: readonly ContainerSummary[]): ComposeGrouping {
  const byProject = new Map<string, ContainerSummary[]>();
  const others: ContainerSummary[] = [];
  for (const c of containers) {
    const project = c.labels[COMPOSE_PROJECT];
    if (project) byProject.set(project, [...(byProject.get(project) ?? []), c]);
    else others.push(c);
  }
  const projects = [...byProject.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([project, list]) => ({
      project,
      containers: [...list].sort(
        (a, b) => (a.labels[COMPOSE_SERVICE] ?? '').localeCompare(b.labels[COMPOSE_SERVICE] ?? '') || number(a) - number(b) || a.name.localeCompare(b.name),
      ),
      running: list.filter((c) => c.state === 'running').length,
    }));
  return { projects, others };
}

/** `web #2` for a Compose container, '' for another. */
export function composeServiceOf(c: ContainerSummary): string {
  const service = c.labels[COMPOSE_SERVICE];
  if (!c.labels[COMPOSE_PROJECT] || !service) return '';
  const n = c.labels[COMPOSE_NUMBER];
  return n ? `${service} #${n}` : service;
}

function number(c: ContainerSummary): number {
  const n = Number.parseInt(c.labels[COMPOSE_NUMBER] ?? '', 10);
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}
