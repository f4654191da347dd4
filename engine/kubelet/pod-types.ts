/** The parts of a Pod spec the kubelet reads (loosely typed: pods come from the API as JSON). */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    fieldRef?: { fieldPath: string };
    resourceFieldRef?: { resource: string; containerName?: string; divisor?: string };
  };
}

export interface Probe {
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string; httpHeaders?: { name: string; value: string }[] };
  tcpSocket?: { port: number | string; host?: string };
  exec?: { command: string[] };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}

export interface ContainerSpec {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  env?: EnvVar[];
  envFrom?: { prefix?: string; configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }[];
  ports?: { containerPort: number; name?: string; protocol?: string; hostPort?: number }[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { postStart?: unknown; preStop?: { exec?: { command: string[] }; httpGet?: unknown; sleep?: { seconds: number } } };
  securityContext?: { runAsUser?: number; runAsGroup?: number; runAsNonRoot?: boolean; privileged?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { add?: string[]; drop?: string[] } };
  restartPolicy?: string;
  stdin?: boolean;
  tty?: boolean;
  terminationMessagePath?: string;
}

export interface VolumeSpec {
  name: string;
  emptyDir?: { medium?: string; sizeLimit?: string };
  hostPath?: { path: string; type?: string };
  configMap?: { name: string; items?: { key: string; path: string }[]; optional?: boolean; defaultMode?: number };
  secret?: { secretName: string; items?: { key: string; path: string }[]; optional?: boolean; defaultMode?: number };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  downwardAPI?: { items: { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { resource: string; containerName?: string; divisor?: string } }[] };
  projected?: {
    sources: {
      configMap?: { name: string; items?: { key: string; path: string }[]; optional?: boolean };
      secret?: { name: string; items?: { key: string; path: string }[]; optional?: boolean };
      downwardAPI?: { items: { path: string; fieldRef?: { fieldPath: string } }[] };
      serviceAccountToken?: { path: string; expirationSeconds?: number; audience?: string };
    }[];
  };
  [other: string]: unknown;
}

export interface PodSpec {
  nodeName?: string;
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  volumes?: VolumeSpec[];
  restartPolicy?: "Always" | "OnFailure" | "Never";
  terminationGracePeriodSeconds?: number;
  hostNetwork?: boolean;
  dnsPolicy?: string;
  dnsConfig?: { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] };
  hostname?: string;
  subdomain?: string;
  hostAliases?: { ip: string; hostnames: string[] }[];
  serviceAccountName?: string;
  imagePullSecrets?: { name: string }[];
  enableServiceLinks?: boolean;
  securityContext?: { runAsUser?: number; runAsGroup?: number; fsGroup?: number; runAsNonRoot?: boolean; supplementalGroups?: number[] };
  activeDeadlineSeconds?: number;
}

export interface PodStatusLite {
  phase?: string;
  reason?: string;
  conditions?: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[];
  podIP?: string;
  hostIP?: string;
}
