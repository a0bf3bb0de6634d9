import { get, scalarText, type YNode } from '../yaml/YNode';
import type { ReferenceSite, SiteKind } from './ReferenceSite';
import { siteFromNode } from './siteFromNode';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
const ARGO_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);
const PROMETHEUS_KINDS = new Set(['Prometheus', 'PrometheusAgent', 'Alertmanager', 'ThanosRuler']);
const TEKTON_TASK_KINDS = new Set(['Task', 'ClusterTask']);

/**
 * Image references in Kubernetes objects (a document with apiVersion and kind; any
 * other document is not one and is skipped):
 *  - every container list of a Pod, a PodTemplate, a CronJob's job template, and of any
 *    object with a pod template under `spec.template` (Deployment, StatefulSet,
 *    DaemonSet, ReplicaSet, Job, ReplicationController, Knative Service, Argo Rollout…);
 *  - Argo Workflows (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow):
 *    each template's container, script, containerSet, sidecars and initContainers, and
 *    those of templates written inline in steps and DAG tasks; an ExecutorPlugin's
 *    `spec.sidecar.container.image`, and that of a plugin written in the workflow;
 *  - Tekton Task/ClusterTask steps, sidecars and stepTemplate, a StepAction's image, and the inline taskSpec
 *    of Pipeline, PipelineRun and TaskRun;
 *  - the Prometheus operator's Prometheus, PrometheusAgent, Alertmanager and ThanosRuler
 *    `spec.image` and their extra containers;
 *  - `List` and every `*List` kind, item by item.
 */
export function extractKubernetes(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const doc of documents) collect(doc, sites, 0);
  return sites;
}

/** Whether a document is a Kubernetes object at all. */
export function isKubernetesObject(doc: YNode): boolean {
  return !!scalarText(get(doc, 'kind')) && !!get(doc, 'apiVersion');
}

function collect(doc: YNode, sites: ReferenceSite[], depth: number): void {
  const kind = scalarText(get(doc, 'kind'));
  if (!kind || !get(doc, 'apiVersion')) return;
  const spec = get(doc, 'spec');
  if (kind.endsWith('List')) {
    const items = get(doc, 'items');
    if (items?.kind === 'seq' && depth < 8) for (const item of items.items) collect(item, sites, depth + 1);
    if (items) return;
  }
  const push = (node: YNode | undefined, siteKind: SiteKind, label: string) => {
    const site = siteFromNode(node, siteKind, label);
    if (site) sites.push(site);
  };
  if (ARGO_KINDS.has(kind)) {
    const workflowSpec = kind === 'CronWorkflow' ? get(spec, 'workflowSpec') : spec;
    argoTemplates(workflowSpec, kind, push);
    const plugins = get(workflowSpec, 'executorPlugins');
    if (plugins?.kind === 'seq') for (const p of plugins.items) push(get(get(get(get(p, 'spec'), 'sidecar'), 'container'), 'image'), 'argo-container', `${kind} executor plugin${named(get(p, 'metadata'))} sidecar`);
    return;
  }
  if (kind === 'ExecutorPlugin' && /argoproj\.io/.test(scalarText(get(doc, 'apiVersion')) ?? '')) {
    push(get(get(get(spec, 'sidecar'), 'container'), 'image'), 'argo-container', `ExecutorPlugin${named(get(doc, 'metadata'))} sidecar`);
    return;
  }
  if (kind === 'StepAction' && /tekton\.dev/.test(scalarText(get(doc, 'apiVersion')) ?? '')) {
    push(get(spec, 'image'), 'tekton-step', `StepAction${named(get(doc, 'metadata'))}`);
    return;
  }
  if (TEKTON_TASK_KINDS.has(kind)) return tektonTask(spec, kind, '', push);
  if (kind === 'TaskRun') return tektonTask(get(spec, 'taskSpec'), kind, '', push);
  if (kind === 'Pipeline') return tektonPipeline(spec, kind, push);
  if (kind === 'PipelineRun') return tektonPipeline(get(spec, 'pipelineSpec'), kind, push);
  if (PROMETHEUS_KINDS.has(kind) && /monitoring\.coreos\.com/.test(scalarText(get(doc, 'apiVersion')) ?? '')) {
    push(get(spec, 'image'), 'prometheus-image', `${kind} image`);
    podContainers(spec, kind, push);
    return;
  }
  let podSpec: YNode | undefined;
  if (kind === 'Pod') podSpec = spec;
  else if (kind === 'PodTemplate') podSpec = get(get(doc, 'template'), 'spec');
  else if (kind === 'CronJob') podSpec = get(get(get(get(spec, 'jobTemplate'), 'spec'), 'template'), 'spec');
  else podSpec = get(get(spec, 'template'), 'spec');
  podContainers(podSpec, kind, push);
}

type Push = (node: YNode | undefined, siteKind: SiteKind, label: string) => void;

function podContainers(podSpec: YNode | undefined, kind: string, push: Push): void {
  if (!podSpec) return;
  for (const list of CONTAINER_LISTS) {
    const containers = get(podSpec, list);
    if (containers?.kind !== 'seq') continue;
    const what = list === 'containers' ? 'container' : list === 'initContainers' ? 'init container' : 'ephemeral container';
    for (const container of containers.items) push(get(container, 'image'), 'kubernetes-container', `${kind} ${what}${named(container)}`);
  }
}

function argoTemplates(spec: YNode | undefined, kind: string, push: Push): void {
  const templates = get(spec, 'templates');
  if (templates?.kind !== 'seq') return;
  for (const template of templates.items) argoTemplate(template, `${kind} template${named(template)}`, push, 0);
}

/** One Argo template, and the templates written inline in its steps and DAG tasks. */
function argoTemplate(template: YNode, label: string, push: Push, depth: number): void {
  {
    push(get(get(template, 'container'), 'image'), 'argo-container', `${label} container`);
    push(get(get(template, 'script'), 'image'), 'argo-container', `${label} script`);
    const set = get(get(template, 'containerSet'), 'containers');
    if (set?.kind === 'seq') for (const c of set.items) push(get(c, 'image'), 'argo-container', `${label} container${named(c)}`);
    for (const list of ['sidecars', 'initContainers'] as const) {
      const items = get(template, list);
      if (items?.kind !== 'seq') continue;
      for (const c of items.items) push(get(c, 'image'), 'argo-container', `${label} ${list === 'sidecars' ? 'sidecar' : 'init container'}${named(c)}`);
    }
  }
  if (depth > 4) return;
  const steps = get(template, 'steps');
  const tasks = get(get(template, 'dag'), 'tasks');
  const calls = [...(steps?.kind === 'seq' ? steps.items.flatMap((group) => (group.kind === 'seq' ? group.items : [group])) : []), ...(tasks?.kind === 'seq' ? tasks.items : [])];
  for (const call of calls) {
    const inline = get(call, 'inline');
    if (inline?.kind === 'map') argoTemplate(inline, `${label} inline${named(call)}`, push, depth + 1);
  }
}

function tektonTask(spec: YNode | undefined, kind: string, task: string, push: Push): void {
  if (!spec) return;
  const owner = `${kind}${task}`;
  for (const list of ['steps', 'sidecars'] as const) {
    const items = get(spec, list);
    if (items?.kind !== 'seq') continue;
    for (const c of items.items) push(get(c, 'image'), 'tekton-step', `${owner} ${list === 'steps' ? 'step' : 'sidecar'}${named(c)}`);
  }
  push(get(get(spec, 'stepTemplate'), 'image'), 'tekton-step', `${owner} step template`);
}

function tektonPipeline(spec: YNode | undefined, kind: string, push: Push): void {
  for (const list of ['tasks', 'finally'] as const) {
    const tasks = get(spec, list);
    if (tasks?.kind !== 'seq') continue;
    for (const t of tasks.items) tektonTask(get(t, 'taskSpec'), kind, ` task${named(t)}`, push);
  }
}

function named(node: YNode | undefined): string {
  const name = scalarText(get(node, 'name'));
  return name ? ` ${name}` : '';
}
