import { createHash } from "node:crypto";
import { RELEASES } from "../controlplane/releases";

/**
 * The catalogue of container images the simulated registries hold, as data (DESIGN.md §3
 * "lifecycle as data"): what each image runs by default, what it listens on, how big it is, how long
 * it takes to start, how much memory it needs, and which tags exist. An image or tag not listed
 * here does not exist: pulling it fails the way containerd reports a missing reference.
 */
export type OsFamily = "debian" | "alpine" | "busybox" | "ubuntu" | "distroless" | "scratch";

export interface ServerBehaviour {
  /** Ports the default process listens on (TCP unless noted). */
  ports: { port: number; protocol?: "TCP" | "UDP"; http?: HttpBehaviour }[];
  /** Lines written to stdout/stderr as it starts. `{ip}` etc. are filled in by the kubelet. */
  startupLogs?: { stream: "stdout" | "stderr"; text: string }[];
  /** Milliseconds from process start until it accepts connections. */
  readyAfterMs?: number;
  /** Exits promptly on SIGTERM (nginx, redis) rather than waiting for SIGKILL. */
  gracefulStop?: boolean;
  /**
   * Process titles the server sets itself, as ps shows them: the main process's (`{command}` is its
   * command line) and its worker processes' (nginx: a master and one worker per CPU, run as uid 101).
   */
  processTitles?: ProcessTitles;
}

export interface ProcessTitles {
  main: string;
  workers?: { title: string; uid: number; count: number };
}

export interface HttpBehaviour {
  /** path → body served with 200; other paths 404 in the server's own style. */
  pages?: Record<string, string>;
  /** Serves files from this directory of the container filesystem (nginx's html root). */
  documentRoot?: string;
  serverHeader?: string;
  notFoundBody?: string;
  /** Responds 200 to every path with this body (echo servers). */
  echo?: string;
  /** Paths answered with another status (a health endpoint that fails: /readyz → 500). */
  statuses?: Record<string, { status: number; body: string }>;
}

export interface ImageSpec {
  /** Fully qualified repository: docker.io/library/nginx, registry.k8s.io/pause. */
  repository: string;
  tags: string[];
  os: OsFamily;
  sizeBytes: number;
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
  user?: string;
  env?: Record<string, string>;
  /** Programs present in the image's PATH (anything else: "executable file not found in $PATH"). */
  binaries: string[];
  /** What the default process does when it is a server. */
  server?: ServerBehaviour;
  /** Resident memory of the default process, in MiB (OOMKilled under a lower limit). */
  memoryMiB: number;
  /** CPU of the default process at rest, in millicores (for `kubectl top`). */
  cpuMillis: number;
  /** CPU-milliseconds one HTTP request costs the server (load raises `kubectl top` and drives HPAs); default 0.5. */
  cpuPerRequestMillis?: number;
  /** Seconds a cold pull takes on the simulated network. */
  pullSeconds: number;
  /** Files the image's filesystem has beyond its OS family's base. */
  files?: Record<string, string>;
  /** Requires credentials: an imagePullSecret for this registry with these credentials. */
  auth?: { username: string; password: string };
}

const SHELL_UTILS = ["sh", "ash", "cat", "echo", "env", "ls", "sleep", "touch", "rm", "mkdir", "ps", "id", "date", "hostname", "printenv", "true", "false", "test", "[", "grep", "head", "tail", "wc", "sed", "awk", "tee", "cp", "mv", "chmod", "kill", "pwd", "whoami", "uname", "seq", "expr", "df", "du", "find", "xargs", "sort", "uniq", "cut", "tr", "yes", "timeout", "watch"];
const BUSYBOX = [...SHELL_UTILS, "wget", "nc", "nslookup", "ping", "ping6", "telnet", "httpd", "vi", "ip", "ifconfig", "netstat", "route", "traceroute", "top", "free", "mount", "tar", "gzip", "gunzip", "base64", "md5sum", "sha256sum", "stat", "dd", "less", "more", "udhcpc", "arp", "hexdump", "od", "nohup", "usleep", "uptime", "which", "chroot"];
const ALPINE = [...BUSYBOX, "apk"];
const DEBIAN = [...SHELL_UTILS, "bash", "dash", "apt", "apt-get", "dpkg", "getent", "stat", "tar", "gzip", "base64", "sha256sum", "md5sum", "nohup", "uptime", "which", "dd", "more", "mount", "df", "su", "login", "chroot"];

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

const NGINX_STARTUP = [
  "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
  "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
  "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
  "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
  "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
  "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
  "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
  "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
  "/docker-entrypoint.sh: Configuration complete; ready for start up",
].map((text) => ({ stream: "stdout" as const, text }));

const NGINX_NOTICES = [
  "{ts} [notice] 1#1: using the \"epoll\" event method",
  "{ts} [notice] 1#1: nginx/1.27.5",
  "{ts} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ",
  "{ts} [notice] 1#1: OS: Linux 5.15.0-143-generic",
  "{ts} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576",
  "{ts} [notice] 1#1: start worker processes",
  "{ts} [notice] 1#1: start worker process 29",
  "{ts} [notice] 1#1: start worker process 30",
].map((text) => ({ stream: "stderr" as const, text }));

const NGINX_404 = `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n`;

const nginx = (repository: string, tags: string[], os: OsFamily, sizeBytes: number): ImageSpec => ({
  repository,
  tags,
  os,
  sizeBytes,
  entrypoint: ["/docker-entrypoint.sh"],
  cmd: ["nginx", "-g", "daemon off;"],
  env: { NGINX_VERSION: "1.27.5", NJS_VERSION: "0.8.10", PKG_RELEASE: "1~bookworm" },
  // The Debian-based image ships no procps: `kubectl exec web -- ps` finds no ps there (alpine's busybox has one).
  binaries: [...(os === "alpine" ? ALPINE : DEBIAN.filter((b) => b !== "ps")), "nginx", "curl", "/docker-entrypoint.sh"],
  server: {
    ports: [{ port: 80, http: { documentRoot: "/usr/share/nginx/html", serverHeader: "nginx/1.27.5", notFoundBody: NGINX_404 } }],
    startupLogs: [...NGINX_STARTUP, ...NGINX_NOTICES],
    readyAfterMs: 200,
    gracefulStop: true,
    // The startup log names two workers ("start worker process 29", "… 30"): one per CPU of a node.
    processTitles: { main: "nginx: master process {command}", workers: { title: "nginx: worker process", uid: 101, count: 2 } },
  },
  memoryMiB: 4,
  cpuMillis: 1,
  pullSeconds: 3,
  files: {
    "/usr/share/nginx/html/index.html": NGINX_INDEX,
    "/usr/share/nginx/html/50x.html": "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n",
    "/etc/nginx/conf.d/default.conf": NGINX_DEFAULT_CONF,
  },
});

const NGINX_TAGS = ["latest", "1", "1.29", "1.29.0", "1.28", "1.28.0", "1.27", "1.27.5", "1.27.4", "1.27.3", "1.26", "1.26.3", "1.25", "1.25.5", "1.24", "1.23", "1.22", "1.21", "1.20", "1.19", "1.18", "1.17", "1.16", "1.14.2", "stable", "mainline", "bookworm", "perl"];
const ALPINE_NGINX_TAGS = ["alpine", "1-alpine", "1.29-alpine", "1.28-alpine", "1.27-alpine", "1.27.5-alpine", "1.26-alpine", "1.25-alpine", "stable-alpine", "mainline-alpine", "alpine-slim", "alpine3.21"];

const hostImage = (repository: string, tags: string[], binary: string, extra: Partial<ImageSpec> = {}): ImageSpec => ({
  repository,
  tags,
  os: "distroless",
  sizeBytes: 30_000_000,
  binaries: [binary],
  memoryMiB: 40,
  cpuMillis: 10,
  pullSeconds: 4,
  ...extra,
});

// Every release the package repositories carry (engine/controlplane/releases.ts), and a few older ones.
const K8S_TAGS = ["v1.30.14", "v1.31.10", ...Object.entries(RELEASES).flatMap(([minor, r]) => r.patches.map((p) => `v${minor}.${p}`))];

export const IMAGES: ImageSpec[] = [
  nginx("docker.io/library/nginx", NGINX_TAGS, "debian", 72_223_946),
  nginx("docker.io/library/nginx", ALPINE_NGINX_TAGS, "alpine", 20_988_453),
  {
    repository: "docker.io/library/httpd",
    tags: ["latest", "2", "2.4", "2.4.63", "alpine", "2.4-alpine"],
    os: "debian",
    sizeBytes: 58_000_000,
    cmd: ["httpd-foreground"],
    workingDir: "/usr/local/apache2",
    binaries: [...DEBIAN, "httpd", "httpd-foreground", "apachectl"],
    server: {
      ports: [{ port: 80, http: { documentRoot: "/usr/local/apache2/htdocs", serverHeader: "Apache/2.4.63 (Unix)", notFoundBody: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n' } }],
      startupLogs: [
        { stream: "stderr", text: "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. Set the 'ServerName' directive globally to suppress this message" },
        { stream: "stderr", text: "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. Set the 'ServerName' directive globally to suppress this message" },
        { stream: "stderr", text: "[{httpdts}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations" },
        { stream: "stderr", text: "[{httpdts}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'" },
      ],
      readyAfterMs: 300,
      gracefulStop: true,
    },
    memoryMiB: 6,
    cpuMillis: 1,
    pullSeconds: 3,
    files: { "/usr/local/apache2/htdocs/index.html": "<html><body><h1>It works!</h1></body></html>\n" },
  },
  {
    repository: "docker.io/library/busybox",
    tags: ["latest", "1", "1.37", "1.37.0", "1.36", "1.36.1", "1.35", "1.34", "1.28", "stable", "musl", "glibc", "uclibc"],
    os: "busybox",
    sizeBytes: 2_155_000,
    cmd: ["sh"],
    binaries: BUSYBOX,
    memoryMiB: 1,
    cpuMillis: 0,
    pullSeconds: 1,
  },
  {
    repository: "docker.io/library/alpine",
    tags: ["latest", "3", "3.22", "3.21", "3.20", "3.19", "3.18", "edge"],
    os: "alpine",
    sizeBytes: 3_800_000,
    cmd: ["/bin/sh"],
    binaries: ALPINE,
    memoryMiB: 1,
    cpuMillis: 0,
    pullSeconds: 1,
  },
  {
    repository: "docker.io/library/ubuntu",
    tags: ["latest", "24.04", "22.04", "20.04", "noble", "jammy", "focal"],
    os: "ubuntu",
    sizeBytes: 29_750_000,
    cmd: ["/bin/bash"],
    binaries: DEBIAN,
    memoryMiB: 1,
    cpuMillis: 0,
    pullSeconds: 2,
  },
  {
    repository: "docker.io/library/debian",
    tags: ["latest", "12", "bookworm", "bookworm-slim", "11", "bullseye", "bullseye-slim"],
    os: "debian",
    sizeBytes: 48_500_000,
    cmd: ["bash"],
    binaries: DEBIAN,
    memoryMiB: 1,
    cpuMillis: 0,
    pullSeconds: 2,
  },
  {
    repository: "docker.io/library/redis",
    tags: ["latest", "7", "7.4", "7.4.3", "7.2", "6", "6.2", "alpine", "7-alpine", "7.4-alpine", "8", "8.0"],
    os: "debian",
    sizeBytes: 45_000_000,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["redis-server"],
    workingDir: "/data",
    binaries: [...DEBIAN, "redis-server", "redis-cli", "docker-entrypoint.sh"],
    server: {
      ports: [{ port: 6379 }],
      startupLogs: [
        { stream: "stdout", text: "1:C {redists} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo" },
        { stream: "stdout", text: "1:C {redists} * Redis version=7.4.3, bits=64, commit=00000000, modified=0, pid=1, just started" },
        { stream: "stdout", text: "1:C {redists} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf" },
        { stream: "stdout", text: "1:M {redists} * monotonic clock: POSIX clock_gettime" },
        { stream: "stdout", text: "1:M {redists} * Running mode=standalone, port=6379." },
        { stream: "stdout", text: "1:M {redists} * Server initialized" },
        { stream: "stdout", text: "1:M {redists} * Ready to accept connections tcp" },
      ],
      readyAfterMs: 100,
      gracefulStop: true,
    },
    memoryMiB: 3,
    cpuMillis: 2,
    pullSeconds: 3,
  },
  {
    repository: "docker.io/library/mysql",
    tags: ["latest", "8", "8.0", "8.4", "9", "9.3", "5.7", "lts"],
    os: "debian",
    sizeBytes: 230_000_000,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["mysqld"],
    binaries: [...DEBIAN, "mysqld", "mysql", "mysqladmin", "docker-entrypoint.sh"],
    server: {
      ports: [{ port: 3306 }, { port: 33060 }],
      startupLogs: [
        { stream: "stdout", text: "{mysqlts}+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.5-1.el9 started." },
        { stream: "stdout", text: "{mysqlts}+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'" },
        { stream: "stdout", text: "{mysqlts}+00:00 [Note] [Entrypoint]: Initializing database files" },
        { stream: "stdout", text: "{mysqlts}Z 0 [System] [MY-015017] [Server] MySQL Server Initialization - start." },
        { stream: "stdout", text: "{mysqlts}Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.5'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL." },
      ],
      readyAfterMs: 15_000,
      gracefulStop: true,
    },
    memoryMiB: 360,
    cpuMillis: 8,
    pullSeconds: 12,
  },
  {
    repository: "docker.io/library/postgres",
    tags: ["latest", "17", "17.5", "16", "16.9", "15", "14", "13", "alpine", "17-alpine", "16-alpine"],
    os: "debian",
    sizeBytes: 160_000_000,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["postgres"],
    binaries: [...DEBIAN, "postgres", "psql", "pg_isready", "docker-entrypoint.sh"],
    server: {
      ports: [{ port: 5432 }],
      startupLogs: [
        { stream: "stdout", text: "The files belonging to this database system will be owned by user \"postgres\"." },
        { stream: "stdout", text: "PostgreSQL init process complete; ready for start up." },
        { stream: "stderr", text: "{pgts} UTC [1] LOG:  starting PostgreSQL 17.5 (Debian 17.5-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit" },
        { stream: "stderr", text: "{pgts} UTC [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432" },
        { stream: "stderr", text: "{pgts} UTC [1] LOG:  database system is ready to accept connections" },
      ],
      readyAfterMs: 4000,
      gracefulStop: true,
    },
    memoryMiB: 30,
    cpuMillis: 3,
    pullSeconds: 8,
  },
  {
    repository: "docker.io/library/memcached",
    tags: ["latest", "1", "1.6", "1.6.38", "alpine", "1.6-alpine"],
    os: "debian",
    sizeBytes: 35_000_000,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["memcached"],
    binaries: [...DEBIAN, "memcached", "docker-entrypoint.sh"],
    server: { ports: [{ port: 11211 }], readyAfterMs: 50, gracefulStop: true },
    memoryMiB: 2,
    cpuMillis: 1,
    pullSeconds: 2,
  },
  {
    repository: "docker.io/library/mongo",
    tags: ["latest", "8", "8.0", "7", "7.0", "6", "6.0"],
    os: "ubuntu",
    sizeBytes: 280_000_000,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["mongod"],
    binaries: [...DEBIAN, "mongod", "mongosh", "docker-entrypoint.sh"],
    server: { ports: [{ port: 27017 }], readyAfterMs: 3000, gracefulStop: true },
    memoryMiB: 90,
    cpuMillis: 5,
    pullSeconds: 14,
  },
  {
    repository: "docker.io/library/python",
    tags: ["latest", "3", "3.13", "3.12", "3.11", "3.10", "3.9", "slim", "3.13-slim", "3.12-slim", "alpine", "3.13-alpine", "3.12-alpine"],
    os: "debian",
    sizeBytes: 380_000_000,
    cmd: ["python3"],
    binaries: [...DEBIAN, "python", "python3", "pip", "pip3"],
    memoryMiB: 8,
    cpuMillis: 0,
    pullSeconds: 15,
  },
  {
    repository: "docker.io/library/node",
    tags: ["latest", "24", "22", "20", "18", "lts", "slim", "22-slim", "20-slim", "alpine", "22-alpine", "20-alpine"],
    os: "debian",
    sizeBytes: 400_000_000,
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["node"],
    binaries: [...DEBIAN, "node", "npm", "npx", "docker-entrypoint.sh"],
    memoryMiB: 30,
    cpuMillis: 0,
    pullSeconds: 16,
  },
  {
    repository: "docker.io/library/traefik",
    tags: ["latest", "v3", "v3.4", "v2.11"],
    os: "alpine",
    sizeBytes: 52_000_000,
    entrypoint: ["/entrypoint.sh"],
    cmd: ["traefik"],
    binaries: [...ALPINE, "traefik", "/entrypoint.sh"],
    server: { ports: [{ port: 80, http: { echo: "404 page not found\n" } }, { port: 8080 }], readyAfterMs: 500, gracefulStop: true },
    memoryMiB: 40,
    cpuMillis: 2,
    pullSeconds: 4,
  },
  {
    repository: "docker.io/curlimages/curl",
    tags: ["latest", "8.14.1", "8.13.0", "8.12.1", "8.5.0"],
    os: "alpine",
    sizeBytes: 12_000_000,
    entrypoint: ["/entrypoint.sh"],
    cmd: ["curl"],
    user: "curl_user",
    binaries: [...ALPINE, "curl", "/entrypoint.sh"],
    memoryMiB: 1,
    cpuMillis: 0,
    pullSeconds: 1,
  },
  {
    repository: "docker.io/nicolaka/netshoot",
    tags: ["latest", "v0.14", "v0.13"],
    os: "alpine",
    sizeBytes: 200_000_000,
    cmd: ["zsh"],
    binaries: [...ALPINE, "bash", "zsh", "curl", "dig", "nslookup", "host", "tcpdump", "iperf3", "nc", "nmap", "ss", "iptables", "traceroute", "mtr", "jq"],
    memoryMiB: 2,
    cpuMillis: 0,
    pullSeconds: 8,
  },
  {
    repository: "docker.io/hashicorp/http-echo",
    tags: ["latest", "1.0", "1.0.0", "0.2.3"],
    os: "scratch",
    sizeBytes: 4_000_000,
    entrypoint: ["/http-echo"],
    binaries: ["/http-echo"],
    server: { ports: [{ port: 5678, http: { echo: "hello-world\n" } }], readyAfterMs: 20, gracefulStop: true },
    memoryMiB: 2,
    cpuMillis: 0,
    pullSeconds: 1,
  },
  {
    repository: "docker.io/polinux/stress",
    tags: ["latest", "1.0.4"],
    os: "alpine",
    sizeBytes: 4_000_000,
    cmd: ["stress", "--help"],
    binaries: [...ALPINE, "stress"],
    memoryMiB: 1,
    cpuMillis: 0,
    pullSeconds: 1,
  },
  {
    repository: "docker.io/kodekloud/webapp-color",
    tags: ["latest", "v1", "v2", "v3"],
    os: "alpine",
    sizeBytes: 36_000_000,
    cmd: ["python", "app.py"],
    workingDir: "/opt",
    binaries: [...ALPINE, "python", "python3"],
    server: {
      ports: [{ port: 8080, http: { echo: "<!doctype html>\n<title>Hello from Flask</title>\n<body style=\"background: #2980b9;\"></body>\n<div style=\"color: #e4e4e4;\n    text-align:  center;\n    height: 90px;\n    vertical-align:  middle;\">\n\n  <h1>Hello from {hostname}!</h1>\n\n</div>\n" } }],
      startupLogs: [{ stream: "stdout", text: " Color from environment variable - blue" }, { stream: "stderr", text: " * Running on http://0.0.0.0:8080/ (Press CTRL+C to quit)" }],
      readyAfterMs: 800,
    },
    memoryMiB: 20,
    cpuMillis: 1,
    pullSeconds: 3,
  },
  {
    repository: "gcr.io/google-samples/hello-app",
    tags: ["1.0", "2.0"],
    os: "distroless",
    sizeBytes: 10_000_000,
    cmd: ["/hello-app"],
    binaries: ["/hello-app"],
    server: { ports: [{ port: 8080, http: { echo: "Hello, world!\nVersion: 1.0.0\nHostname: {hostname}\n" } }], startupLogs: [{ stream: "stderr", text: "{gots} Server listening on port 8080" }], readyAfterMs: 20, gracefulStop: true },
    memoryMiB: 3,
    cpuMillis: 0,
    pullSeconds: 1,
  },
  {
    repository: "registry.k8s.io/e2e-test-images/agnhost",
    tags: ["2.52", "2.53", "2.39"],
    os: "alpine",
    sizeBytes: 51_000_000,
    entrypoint: ["/agnhost"],
    binaries: [...ALPINE, "/agnhost", "agnhost", "curl", "nslookup", "dig"],
    memoryMiB: 5,
    cpuMillis: 0,
    pullSeconds: 3,
  },
  {
    // Kubernetes' own Debian base: the image of kube-controller-manager's PV recycler pods.
    repository: "registry.k8s.io/build-image/debian-base",
    tags: ["bookworm-v1.0.4", "bookworm-v1.0.3", "bookworm-v1.0.2"],
    os: "debian",
    sizeBytes: 29_500_000,
    cmd: ["/bin/sh"],
    binaries: DEBIAN,
    memoryMiB: 1,
    cpuMillis: 0,
    pullSeconds: 2,
  },
  {
    repository: "registry.k8s.io/pause",
    tags: ["3.10.1", "3.10", "3.9", "3.8", "latest"],
    os: "scratch",
    sizeBytes: 320_368,
    entrypoint: ["/pause"],
    binaries: ["/pause"],
    server: { ports: [], gracefulStop: true },
    memoryMiB: 0,
    cpuMillis: 0,
    pullSeconds: 1,
  },
  hostImage("registry.k8s.io/kube-apiserver", K8S_TAGS, "kube-apiserver", { sizeBytes: 30_079_000, memoryMiB: 260, cpuMillis: 45 }),
  hostImage("registry.k8s.io/kube-controller-manager", K8S_TAGS, "kube-controller-manager", { sizeBytes: 27_666_000, memoryMiB: 55, cpuMillis: 15 }),
  hostImage("registry.k8s.io/kube-scheduler", K8S_TAGS, "kube-scheduler", { sizeBytes: 21_782_000, memoryMiB: 22, cpuMillis: 4 }),
  hostImage("registry.k8s.io/kube-proxy", K8S_TAGS, "/usr/local/bin/kube-proxy", { sizeBytes: 31_883_000, memoryMiB: 18, cpuMillis: 1 }),
  hostImage("registry.k8s.io/etcd", ["3.6.4-0", "3.5.21-0", "3.5.16-0", "3.5.15-0", "3.6.1-1"], "etcd", { sizeBytes: 58_938_000, memoryMiB: 45, cpuMillis: 20, binaries: ["etcd", "etcdctl", "etcdutl", "sh"] }),
  {
    repository: "registry.k8s.io/coredns/coredns",
    tags: ["v1.12.1", "v1.12.0", "v1.11.3", "v1.11.1", "v1.10.1"],
    os: "distroless",
    sizeBytes: 20_939_000,
    entrypoint: ["/coredns"],
    binaries: ["/coredns"],
    server: {
      ports: [{ port: 53, protocol: "UDP" }, { port: 53 }, { port: 9153 }, { port: 8080, http: { pages: { "/health": "OK" } } }, { port: 8181, http: { pages: { "/ready": "OK" } } }],
      startupLogs: [
        { stream: "stdout", text: ".:53" },
        { stream: "stdout", text: "[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b" },
        { stream: "stdout", text: "CoreDNS-1.12.0" },
        { stream: "stdout", text: "linux/amd64, go1.23.3, 51e11f1" },
      ],
      readyAfterMs: 500,
      gracefulStop: true,
    },
    memoryMiB: 14,
    cpuMillis: 2,
    pullSeconds: 2,
  },
  hostImage("docker.io/calico/node", ["v3.29.3", "v3.28.2"], "calico-node", { sizeBytes: 142_000_000, memoryMiB: 110, cpuMillis: 25, entrypoint: ["start_runit"], binaries: ["calico-node", "/bin/calico-node", "start_runit", "sh", "cat", "ls"], server: { ports: [{ port: 9099, http: { pages: { "/liveness": "", "/readiness": "" } } }], readyAfterMs: 2000, gracefulStop: true } }),
  hostImage("docker.io/calico/cni", ["v3.29.3", "v3.28.2"], "/opt/cni/bin/install", { sizeBytes: 94_000_000, memoryMiB: 5 }),
  hostImage("docker.io/calico/kube-controllers", ["v3.29.3", "v3.28.2"], "/usr/bin/kube-controllers", { sizeBytes: 35_000_000, memoryMiB: 16, cpuMillis: 1, binaries: ["/usr/bin/kube-controllers", "/usr/bin/check-status"], cmd: ["/usr/bin/kube-controllers"], server: { ports: [], readyAfterMs: 1000, gracefulStop: true } }),
  hostImage("ghcr.io/flannel-io/flannel", ["v0.26.7", "v0.26.4", "v0.25.7"], "/opt/bin/flanneld", { sizeBytes: 32_000_000, memoryMiB: 14, cpuMillis: 2, binaries: ["/opt/bin/flanneld", "cp", "sh", "cat", "ls"] }),
  hostImage("ghcr.io/flannel-io/flannel-cni-plugin", ["v1.6.2-flannel1", "v1.5.1-flannel2"], "cp", { sizeBytes: 4_800_000, memoryMiB: 1, binaries: ["cp", "sh"] }),
  hostImage("registry.k8s.io/metrics-server/metrics-server", ["v0.7.2", "v0.7.1"], "/metrics-server", { sizeBytes: 19_000_000, memoryMiB: 18, cpuMillis: 3, entrypoint: ["/metrics-server"], server: { ports: [{ port: 10250 }], readyAfterMs: 2000, gracefulStop: true } }),
  {
    // The Kubernetes HPA walkthrough's php-apache: each request computes square roots for ~0.1 s of CPU.
    repository: "registry.k8s.io/hpa-example",
    tags: ["latest"],
    os: "debian",
    sizeBytes: 175_000_000,
    cmd: ["apache2-foreground"],
    binaries: [...DEBIAN, "apache2-foreground", "apache2", "php"],
    server: { ports: [{ port: 80, http: { echo: "OK!", serverHeader: "Apache/2.4.10 (Debian)" } }], readyAfterMs: 1500, gracefulStop: true },
    memoryMiB: 12,
    cpuMillis: 1,
    cpuPerRequestMillis: 100,
    pullSeconds: 6,
  },
  hostImage("registry.k8s.io/ingress-nginx/controller", ["v1.12.3", "v1.12.1", "v1.11.5"], "/nginx-ingress-controller", {
    sizeBytes: 110_000_000,
    memoryMiB: 90,
    cpuMillis: 3,
    binaries: ["/nginx-ingress-controller", "/usr/bin/dumb-init", "sh", "cat", "ls", "curl"],
    server: { ports: [{ port: 80 }, { port: 443 }, { port: 10254, http: { pages: { "/healthz": "ok" } } }], readyAfterMs: 3000, gracefulStop: true },
  }),
  hostImage("registry.k8s.io/ingress-nginx/kube-webhook-certgen", ["v1.5.3", "v1.5.2"], "/kube-webhook-certgen", { sizeBytes: 30_000_000, memoryMiB: 8 }),
  {
    repository: "private-registry.io/apps/internal-app",
    tags: ["latest", "1.0"],
    os: "alpine",
    sizeBytes: 25_000_000,
    cmd: ["/internal-app"],
    binaries: [...ALPINE, "/internal-app"],
    server: { ports: [{ port: 8080, http: { echo: "internal app\n" } }], readyAfterMs: 50, gracefulStop: true },
    memoryMiB: 6,
    cpuMillis: 0,
    pullSeconds: 2,
    auth: { username: "dock_user", password: "dock_password" },
  },
  // The images of the Helm charts Kubecoach ships offline (engine/tools/helm/charts.ts). Bitnami's run as a non-root user, so nginx and apache listen on 8080.
  {
    repository: "docker.io/bitnami/nginx",
    tags: ["latest", "1.27.2", "1.27.2-debian-12-r2"],
    os: "debian",
    sizeBytes: 66_000_000,
    entrypoint: ["/opt/bitnami/scripts/nginx/entrypoint.sh"],
    cmd: ["/opt/bitnami/scripts/nginx/run.sh"],
    user: "1001",
    binaries: [...DEBIAN, "nginx", "/opt/bitnami/scripts/nginx/entrypoint.sh", "/opt/bitnami/scripts/nginx/run.sh"],
    server: { ports: [{ port: 8080, http: { documentRoot: "/app", serverHeader: "nginx", notFoundBody: NGINX_404.replace("nginx/1.27.5", "nginx") } }], readyAfterMs: 500, gracefulStop: true },
    memoryMiB: 8,
    cpuMillis: 1,
    pullSeconds: 4,
    files: { "/app/index.html": NGINX_INDEX },
  },
  {
    repository: "docker.io/bitnami/apache",
    tags: ["latest", "2.4.62", "2.4.62-debian-12-r8"],
    os: "debian",
    sizeBytes: 80_000_000,
    entrypoint: ["/opt/bitnami/scripts/apache/entrypoint.sh"],
    cmd: ["/opt/bitnami/scripts/apache/run.sh"],
    user: "1001",
    binaries: [...DEBIAN, "httpd", "apachectl", "/opt/bitnami/scripts/apache/entrypoint.sh", "/opt/bitnami/scripts/apache/run.sh"],
    server: { ports: [{ port: 8080, http: { documentRoot: "/app", serverHeader: "Apache" } }], readyAfterMs: 800, gracefulStop: true },
    memoryMiB: 12,
    cpuMillis: 1,
    pullSeconds: 4,
    files: { "/app/index.html": "<html><body><h1>It works!</h1></body></html>\n" },
  },
  {
    repository: "docker.io/bitnami/redis",
    tags: ["latest", "7.4.2", "7.4.2-debian-12-r0"],
    os: "debian",
    sizeBytes: 60_000_000,
    entrypoint: ["/opt/bitnami/scripts/redis/entrypoint.sh"],
    cmd: ["/opt/bitnami/scripts/redis/run.sh"],
    user: "1001",
    binaries: [...DEBIAN, "redis-server", "redis-cli", "/opt/bitnami/scripts/redis/entrypoint.sh", "/opt/bitnami/scripts/redis/run.sh"],
    server: { ports: [{ port: 6379 }], readyAfterMs: 500, gracefulStop: true },
    memoryMiB: 4,
    cpuMillis: 2,
    pullSeconds: 4,
  },
  {
    repository: "ghcr.io/stefanprodan/podinfo",
    tags: ["latest", "6.7.1"],
    os: "alpine",
    sizeBytes: 20_000_000,
    cmd: ["./podinfo"],
    workingDir: "/home/app",
    binaries: [...ALPINE, "./podinfo", "podcli"],
    server: { ports: [{ port: 9898, http: { pages: { "/healthz": '{\n  "status": "OK"\n}\n', "/readyz": '{\n  "status": "OK"\n}\n' } } }], readyAfterMs: 200, gracefulStop: true },
    memoryMiB: 10,
    cpuMillis: 1,
    pullSeconds: 2,
  },
];

/** A reference split the way containerd normalises it: docker.io/library/nginx:latest. */
export interface ImageRef {
  /** As written in the pod spec. */
  raw: string;
  registry: string;
  /** Repository without the registry (library/nginx). */
  path: string;
  tag?: string;
  digest?: string;
  /** The normalised full reference (docker.io/library/nginx:latest). */
  full: string;
  /** Repository with the registry (docker.io/library/nginx). */
  repository: string;
}

const REFERENCE = /^(?:([a-zA-Z0-9.-]+(?::[0-9]+)?|localhost)\/)?([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

/** Parses an image reference; undefined when it is malformed (the kubelet's InvalidImageName). */
export function parseImageRef(raw: string): ImageRef | undefined {
  const m = REFERENCE.exec(raw);
  if (!m) return undefined;
  let [, registry, path] = m;
  const [, , , tag, digest] = m;
  // The first component is a registry only if it looks like a host (has a dot or port, or is localhost).
  if (registry && !/[.:]/.test(registry) && registry !== "localhost") {
    path = `${registry}/${path}`;
    registry = "";
  }
  registry = registry || "docker.io";
  if (registry === "docker.io" && !path.includes("/")) path = `library/${path}`;
  const repository = `${registry}/${path}`;
  const effectiveTag = tag ?? (digest ? undefined : "latest");
  const full = `${repository}${effectiveTag ? `:${effectiveTag}` : ""}${digest ? `@${digest}` : ""}`;
  return { raw, registry, path, tag: effectiveTag, digest, full, repository };
}

const byRepository = new Map<string, ImageSpec[]>();
for (const image of IMAGES) {
  const list = byRepository.get(image.repository) ?? [];
  list.push(image);
  byRepository.set(image.repository, list);
}

export type ImageLookup =
  | { found: true; image: ImageSpec; ref: ImageRef; digest: string; imageId: string }
  | { found: false; ref: ImageRef; reason: "repository" | "tag" | "registry" };

/** Registries the simulated network can reach; other hosts do not resolve. */
const KNOWN_REGISTRIES = new Set(["docker.io", "registry.k8s.io", "gcr.io", "ghcr.io", "quay.io", "private-registry.io", "registry-1.docker.io"]);

/** A stable fake digest for an image tag (the same everywhere, like a real registry's). */
export function imageDigest(repository: string, tag: string): string {
  return `sha256:${createHash("sha256").update(`${repository}:${tag}`).digest("hex")}`;
}

export function lookupImage(ref: ImageRef): ImageLookup {
  if (!KNOWN_REGISTRIES.has(ref.registry)) return { found: false, ref, reason: "registry" };
  const candidates = byRepository.get(ref.repository);
  if (!candidates) return { found: false, ref, reason: "repository" };
  const tag = ref.tag ?? "latest";
  const image = ref.digest ? candidates[0] : candidates.find((c) => c.tags.includes(tag));
  if (!image) return { found: false, ref, reason: "tag" };
  const digest = ref.digest ?? imageDigest(ref.repository, tag);
  return { found: true, image, ref, digest, imageId: `sha256:${createHash("sha256").update(`config:${ref.repository}:${tag}`).digest("hex")}` };
}
