/**
 * What a container's script can touch: its filesystem, its network (through the network model),
 * and the facts of the container it runs in. Provided by the kubelet for each step.
 */
export interface ScriptFs {
  read(path: string): string | undefined;
  write(path: string, content: string, append: boolean): string | undefined;
  remove(path: string, recursive: boolean): boolean;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  mkdir(path: string): string | undefined;
  list(path: string): string[] | undefined;
}

export type FetchResult =
  | { ok: true; status: number; statusText: string; body: string; remote: string }
  | { ok: false; error: "refused" | "timeout" | "unreachable" | "resolve"; detail?: string; host: string; port: number; address?: string };

export interface ScriptHost {
  fs: ScriptFs;
  hostname: string;
  /** Programs the image has (anything else is "not found"). */
  has(program: string): boolean;
  /** An HTTP request as the network model answers it from this container. */
  http(url: string, timeoutMs: number): FetchResult;
  /** DNS lookup from this container. */
  resolve(name: string): { ok: true; addresses: string[]; name: string; server: string } | { ok: false; server: string };
  /** TCP connect from this container (nc -z). */
  connect(host: string, port: number): { ok: boolean; error?: string };
  /** A server started in the foreground (nginx, httpd -f, python -m http.server): returns false if the program cannot serve. */
  serve(argv: string[]): boolean;
  /** Whether this container's own process listens on a port (health-check helpers ask). */
  selfListening(port: number): boolean;
  /** Memory the script has asked for (stress --vm-bytes …), in MiB, and CPU it burns (stress --cpu N), in millicores. */
  allocate(mib: number, cpuMillis?: number): void;
}
