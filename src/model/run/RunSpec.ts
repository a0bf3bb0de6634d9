/** Restart policies `docker run --restart` knows. */
export type RestartPolicy = 'no' | 'on-failure' | 'always' | 'unless-stopped';

/** Everything the Run dialog decided, checked and ready for the engine. */
export interface RunSpec {
  readonly image: string;
  readonly name?: string;
  readonly cmd?: string[];
  readonly env: string[];
  readonly exposedPorts: Record<string, Record<string, never>>;
  readonly portBindings: Record<string, { HostIp: string; HostPort: string }[]>;
  readonly binds: string[];
  readonly volumes: Record<string, Record<string, never>>;
  readonly network?: string;
  readonly restart: RestartPolicy;
  readonly autoRemove: boolean;
  readonly interactive: boolean;
  readonly labels?: Record<string, string>;
}

/** The dialog's fields as typed: what is remembered per image and parsed into a RunSpec. */
export interface RunChoices {
  name: string;
  command: string;
  env: string;
  ports: string;
  volumes: string;
  network: string;
  restart: RestartPolicy;
  autoRemove: boolean;
  interactive: boolean;
}
