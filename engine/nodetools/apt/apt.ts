import type { ProgramContext } from "../../process/types";
import { PROGRAMS } from "../../programs";
import { readPackages, writePackages, type InstalledPackage } from "./dpkg";
import { compareDeb, configuredRepository, fetchedMinors, knownVersions, LISTS_DIR, packagesIndex, repositoryPackages, type Repository } from "./repository";

/**
 * apt, apt-get, apt-cache and apt-mark over the Kubernetes repository (repository.ts) and the
 * installed packages (dpkg.ts): `update` fetches the list of the minor kubernetes.list names,
 * `install pkg=ver` upgrades or downgrades (held packages refuse), `madison`/`policy` show what
 * the fetched lists offer, `hold`/`unhold`/`showhold` manage holds. Output as Ubuntu 22.04's apt.
 */
const UBUNTU = ["http://archive.ubuntu.com/ubuntu jammy InRelease", "http://archive.ubuntu.com/ubuntu jammy-updates InRelease", "http://archive.ubuntu.com/ubuntu jammy-backports InRelease", "http://security.ubuntu.com/ubuntu jammy-security InRelease"];
const KNOWN = new Set(["kubeadm", "kubelet", "kubectl", "cri-tools", "kubernetes-cni"]);

function root(ctx: ProgramContext, program: string): boolean {
  if (ctx.user === "root") return true;
  ctx.stderr(`E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n`);
  void program;
  return false;
}

function humanSize(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} kB`;
  return `${bytes} B`;
}

function update(ctx: ProgramContext, isApt: boolean): number {
  if (!root(ctx, "apt")) return 100;
  const fs = ctx.host.fs;
  const { repo, minor } = configuredRepository(fs);
  const fetched = new Set(fetchedMinors(fs));
  const lines: string[] = [];
  let n = 0;
  for (const source of UBUNTU) lines.push(`Hit:${++n} ${source}`);
  let fetchedBytes = 0;
  if (minor && !repo) {
    // A minor pkgs.k8s.io does not publish: its Release file is missing.
    const url = `https://pkgs.k8s.io/core:/stable:/v${minor}/deb`;
    lines.push(`Ign:${++n} ${url}  InRelease`, `Err:${++n} ${url}  Release`, `  404  Not Found [IP: 18.155.68.124 443]`);
    ctx.stdout(lines.join("\n") + "\nReading package lists... Done\n");
    ctx.stderr(`E: The repository '${url}  Release' does not have a Release file.\nN: Updating from such a repository can't be done securely, and is therefore disabled by default.\nN: See apt-secure(8) manpage for repository creation and user configuration details.\n`);
    return 100;
  }
  if (repo) {
    if (fetched.has(repo.minor)) lines.push(`Hit:${++n} ${repo.cdn}  InRelease`);
    else {
      const index = packagesIndex(repo.minor);
      fetchedBytes = 1227 + Buffer.byteLength(index);
      lines.push(`Get:${++n} ${repo.cdn}  InRelease [1,227 B]`, `Get:${++n} ${repo.cdn}  Packages [${Buffer.byteLength(index).toLocaleString("en-US")} B]`);
    }
  }
  // Lists of repositories no longer configured are dropped, as apt does.
  for (const old of fetched) if (old !== repo?.minor) fs.rmSync(`${LISTS_DIR}/pkgs.k8s.io_core:_stable:_v${old}_deb_Packages`, { force: true });
  if (repo) fs.writeFileSync(repo.listFile, packagesIndex(repo.minor), { createParents: true });
  const fetchedText = fetchedBytes > 0 ? `Fetched ${humanSize(fetchedBytes)} in 1s (${humanSize(fetchedBytes)}/s)` : "";
  let out = lines.join("\n") + "\n" + (fetchedText ? `${fetchedText}\n` : "") + "Reading package lists... Done\n";
  if (isApt) {
    const upgradable = upgradableCount(ctx);
    out += "Building dependency tree... Done\nReading state information... Done\n" + (upgradable ? `${upgradable} package${upgradable === 1 ? " can" : "s can"} be upgraded. Run 'apt list --upgradable' to see ${upgradable === 1 ? "it" : "them"}.\n` : "All packages are up to date.\n");
    if (!ctx.terminal.isTTY) ctx.stderr("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n");
  }
  ctx.stdout(out);
  return 0;
}

function upgradableCount(ctx: ProgramContext): number {
  return readPackages(ctx.host.fs).filter((p) => {
    const newest = knownVersions(ctx.host.fs, p.name)[0];
    return newest && compareDeb(newest.version, p.version) > 0;
  }).length;
}

interface Request {
  name: string;
  version?: string;
}

function install(ctx: ProgramContext, args: string[], isApt: boolean): number {
  if (!root(ctx, "apt")) return 100;
  const fs = ctx.host.fs;
  const yes = args.some((a) => a === "-y" || a === "--yes" || a === "--assume-yes" || /^-[a-z]*y[a-z]*$/.test(a));
  const allowHeld = args.includes("--allow-change-held-packages");
  const allowDowngrades = args.includes("--allow-downgrades");
  const requests: Request[] = args.filter((a) => !a.startsWith("-")).map((a) => {
    const i = a.indexOf("=");
    return i < 0 ? { name: a } : { name: a.slice(0, i), version: a.slice(i + 1) };
  });
  let out = "Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n";
  const installed = readPackages(fs);
  const plan: { pkg: InstalledPackage | undefined; name: string; to: string; size: number; repo: Repository }[] = [];
  for (const r of requests) {
    const versions = knownVersions(fs, r.name);
    if (!KNOWN.has(r.name) || versions.length === 0) {
      ctx.stdout(out);
      ctx.stderr(`E: Unable to locate package ${r.name}\n`);
      return 100;
    }
    // `kubeadm='1.33.2-*'` (the upgrade docs' form): apt matches a version with shell wildcards,
    // takes the newest match and says which one it selected.
    const glob = r.version !== undefined && /[*?]/.test(r.version);
    const target = r.version === undefined ? versions[0] : versions.find((v) => (glob ? versionGlob(r.version!).test(v.version) : v.version === r.version));
    if (!target) {
      ctx.stdout(out);
      ctx.stderr(`E: Version '${r.version}' for '${r.name}' was not found\n`);
      return 100;
    }
    if (glob) out += `Selected version '${target.version}' (isv:kubernetes:core:stable:v${target.repo.minor}:pkgs.k8s.io [amd64]) for '${r.name}'\n`;
    const current = installed.find((p) => p.name === r.name);
    if (current && current.version === target.version) {
      out += `${r.name} is already the newest version (${target.version}).\n`;
      continue;
    }
    plan.push({ pkg: current, name: r.name, to: target.version, size: target.size, repo: target.repo });
  }
  const held = plan.filter((p) => p.pkg?.held).map((p) => p.name);
  const upgrades = plan.filter((p) => p.pkg && compareDeb(p.to, p.pkg.version) > 0).map((p) => p.name);
  const downgrades = plan.filter((p) => p.pkg && compareDeb(p.to, p.pkg.version) < 0).map((p) => p.name);
  const fresh = plan.filter((p) => !p.pkg).map((p) => p.name);
  const notUpgraded = Math.max(0, upgradableCount(ctx) - upgrades.length);
  if (held.length) out += `The following held packages will be changed:\n  ${held.join(" ")}\n`;
  if (fresh.length) out += `The following NEW packages will be installed:\n  ${fresh.join(" ")}\n`;
  if (upgrades.length) out += `The following packages will be upgraded:\n  ${upgrades.join(" ")}\n`;
  if (downgrades.length) out += `The following packages will be DOWNGRADED:\n  ${downgrades.join(" ")}\n`;
  out += `${upgrades.length} upgraded, ${fresh.length} newly installed, ${downgrades.length} downgraded, 0 to remove and ${notUpgraded} not upgraded.\n`.replace(/, 0 downgraded/, "");
  if (plan.length === 0) {
    ctx.stdout(out);
    return 0;
  }
  if (held.length && !allowHeld && yes) {
    ctx.stdout(out);
    ctx.stderr("E: Held packages were changed and -y was used without --allow-change-held-packages.\n");
    return 100;
  }
  if (downgrades.length && yes && !allowDowngrades) {
    ctx.stdout(out);
    ctx.stderr("E: Packages were downgraded and -y was used without --allow-downgrades.\n");
    return 100;
  }
  const total = plan.reduce((s, p) => s + p.size, 0);
  out += `Need to get ${humanSize(total)} of archives.\nAfter this operation, 0 B of additional disk space will be used.\n`;
  if (!yes) {
    const answer = ctx.stdin.trim().toLowerCase();
    if (!ctx.terminal.isTTY && answer !== "y" && answer !== "yes") {
      ctx.stdout(out + "Do you want to continue? [Y/n] Abort.\n");
      return 1;
    }
    out += `Do you want to continue? [Y/n] ${ctx.terminal.isTTY && !answer ? "\nkubecoach: answering apt's question is not available in Kubecoach yet; continuing as if you typed Y (add -y to skip the question)\n" : "Y\n"}`;
  }
  plan.forEach((p, i) => (out += `Get:${i + 1} ${p.repo.cdn}  ${p.name} ${p.to} [${humanSize(p.size)}]\n`));
  out += `Fetched ${humanSize(total)} in 1s (${humanSize(total)}/s)\n`;
  out += "(Reading database ... 73016 files and directories currently installed.)\n";
  for (const p of plan) {
    out += `Preparing to unpack .../${p.name}_${p.to}_amd64.deb ...\n`;
    out += p.pkg ? `Unpacking ${p.name} (${p.to}) over (${p.pkg.version}) ...\n` : `Selecting previously unselected package ${p.name}.\nUnpacking ${p.name} (${p.to}) ...\n`;
  }
  for (const p of plan) out += `Setting up ${p.name} (${p.to}) ...\n`;
  const next = readPackages(fs).filter((p) => !plan.some((x) => x.name === p.name));
  for (const p of plan) {
    const meta = repositoryPackages(p.repo.minor).find((x) => x.name === p.name && x.version === p.to)!;
    next.push({ name: p.name, version: p.to, held: p.pkg?.held ?? false, fields: { Priority: "optional", Section: "admin", "Installed-Size": String(meta.installedSize), Maintainer: "Kubernetes Authors <dev@kubernetes.io>", Architecture: "amd64", ...(meta.depends ? { Depends: meta.depends } : {}), Description: meta.description } });
  }
  writePackages(fs, next);
  for (const p of plan) fs.writeFileSync(`/usr/bin/${p.name}`, `\u007fELF ${p.name} ${p.to}\n`, { mode: 0o755, createParents: true });
  ctx.stdout(out);
  if (isApt && !ctx.terminal.isTTY) ctx.stderr("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n");
  return 0;
}

function madison(ctx: ProgramContext, names: string[]): number {
  let found = false;
  for (const name of names) {
    for (const v of knownVersions(ctx.host.fs, name)) {
      found = true;
      ctx.stdout(`${name.padStart(10)} | ${v.version.padStart(10)} | ${v.repo.url}  Packages\n`);
    }
  }
  if (!found && names.length) ctx.stderr(`N: Unable to locate package ${names[names.length - 1]}\n`);
  return 0;
}

function policy(ctx: ProgramContext, names: string[]): number {
  const fs = ctx.host.fs;
  for (const name of names) {
    const versions = knownVersions(fs, name);
    const installed = readPackages(fs).find((p) => p.name === name);
    if (!versions.length && !installed) {
      ctx.stderr(`N: Unable to locate package ${name}\n`);
      continue;
    }
    let out = `${name}:\n  Installed: ${installed?.version ?? "(none)"}\n  Candidate: ${versions[0]?.version ?? installed?.version ?? "(none)"}\n  Version table:\n`;
    const all = [...new Set([...versions.map((v) => v.version), ...(installed ? [installed.version] : [])])].sort((a, b) => compareDeb(b, a));
    for (const version of all) {
      const v = versions.find((x) => x.version === version);
      const mark = installed?.version === version ? " *** " : "     ";
      out += `${mark}${version} ${v ? 500 : 100}\n`;
      if (v) out += `        500 ${v.repo.url}  Packages\n`;
      if (installed?.version === version) out += "        100 /var/lib/dpkg/status\n";
    }
    ctx.stdout(out);
  }
  return 0;
}

function mark(ctx: ProgramContext, args: string[]): number {
  const [verb, ...names] = args;
  const fs = ctx.host.fs;
  if (verb === "showhold") {
    ctx.stdout(readPackages(fs).filter((p) => p.held).map((p) => `${p.name}\n`).join(""));
    return 0;
  }
  if (verb !== "hold" && verb !== "unhold") {
    ctx.stderr(verb ? `E: Invalid operation ${verb}\n` : "apt 2.4.14 (amd64)\nUsage: apt-mark [options] {auto|manual} pkg1 [pkg2 ...]\n");
    return 100;
  }
  if (names.length === 0) {
    ctx.stderr("E: No packages found\n");
    return 100;
  }
  if (!root(ctx, "apt-mark")) return 100;
  const packages = readPackages(fs);
  for (const name of names) {
    const p = packages.find((x) => x.name === name);
    if (!p) {
      ctx.stderr(`E: Unable to locate package ${name}\n`);
      return 100;
    }
    if (verb === "hold") ctx.stdout(p.held ? `${name} was already set on hold.\n` : `${name} set on hold.\n`);
    else ctx.stdout(p.held ? `Canceled hold on ${name}.\n` : `${name} was already not on hold.\n`);
    p.held = verb === "hold";
  }
  writePackages(fs, packages);
  return 0;
}

async function aptGet(ctx: ProgramContext): Promise<number> {
  const at = ctx.args.findIndex((a) => !a.startsWith("-"));
  const verb = at < 0 ? undefined : ctx.args[at];
  const rest = ctx.args.filter((_, i) => i !== at);
  const isApt = ctx.name.replace(/^.*\//, "") === "apt";
  switch (verb) {
    case "update":
      return update(ctx, isApt);
    case "install":
    case "upgrade":
      return install(ctx, rest, isApt);
    case "policy":
      return isApt ? policy(ctx, rest.filter((a) => !a.startsWith("-"))) : unknownVerb(ctx, verb);
    case undefined:
      ctx.stdout("apt 2.4.14 (amd64)\nUsage: apt-get [options] command\n");
      return 0;
    default:
      return unknownVerb(ctx, verb);
  }
}

function unknownVerb(ctx: ProgramContext, verb: string): number {
  ctx.stderr(`E: Invalid operation ${verb}\n`);
  return 100;
}

PROGRAMS.register(["apt-get", "apt"], aptGet);
PROGRAMS.register(["apt-cache"], async (ctx) => {
  const [verb, ...names] = ctx.args.filter((a) => !a.startsWith("-"));
  if (verb === "madison") return madison(ctx, names);
  if (verb === "policy") return policy(ctx, names);
  ctx.stderr(verb ? `E: Invalid operation ${verb}\n` : "apt 2.4.14 (amd64)\nUsage: apt-cache [options] command\n");
  return verb ? 100 : 0;
});
PROGRAMS.register(["apt-mark"], async (ctx) => mark(ctx, ctx.args.filter((a) => !a.startsWith("-"))));

/** fnmatch() of an apt version pattern: `*` any run of characters, `?` one character. */
function versionGlob(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
}
