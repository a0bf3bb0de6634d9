/** The health the engine folds into a container's status text ("Up 3 minutes (healthy)"), or undefined when it has no health check. */
export function containerHealth(status: string): 'healthy' | 'unhealthy' | 'starting' | undefined {
  const m = /\((healthy|unhealthy|health: starting)\)/.exec(status);
  if (!m) return undefined;
  return m[1] === 'health: starting' ? 'starting' : (m[1] as 'healthy' | 'unhealthy');
}
