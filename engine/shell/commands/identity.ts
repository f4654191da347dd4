import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { PROC_VERSION } from "../proc";
import { uptimeSeconds } from "../proc";
import { groupsOf, lookupUser } from "../users";
import { getoptLong, tryHelp, type GetoptTable } from "./getopt-long";
import { shellCommand, type ShellControl } from "./index";
import type { NetworkOrigin } from "../../network/types";

/** uname.c's getopt table, in its order. */
export const UNAME_OPTIONS: GetoptTable = {
  program: "uname",
  options: [
    { long: "all", short: "a" }, { long: "kernel-name", short: "s" }, { long: "sysname", key: "s" }, { long: "nodename", short: "n" },
    { long: "kernel-release", short: "r" }, { long: "release", key: "r" }, { long: "kernel-version", short: "v" }, { long: "machine", short: "m" },
    { long: "processor", short: "p" }, { long: "hardware-platform", short: "i" }, { long: "operating-system", short: "o" },
    { long: "help" }, { long: "version" },
  ],
};

/** whoami, id, groups, hostname, uname, uptime: who and where the shell is, as coreutils print it. */
export function identityCommands(frame: ShellFrame, control: ShellControl): Command[] {
  const kernel = /Linux version (\S+)/.exec(PROC_VERSION)![1];
  const kernelVersion = /(#\d+-Ubuntu SMP .*)$/m.exec(PROC_VERSION)![1];
  return [
    shellCommand(frame, "whoami", async (args, _ctx, io) => {
      if (args.length > 0) {
        io.err.push(`whoami: extra operand '${args[0]}'\nTry 'whoami --help' for more information.\n`);
        return 1;
      }
      io.out.push(`${frame.effectiveUser.name}\n`);
      return 0;
    }),

    shellCommand(frame, "id", async (args, _ctx, io) => {
      const flags = args.filter((a) => a.startsWith("-")).join("").replace(/-/g, "");
      const names = args.filter((a) => !a.startsWith("-"));
      const user = names[0] ? await lookupUser(frame.fs, names[0]) : frame.effectiveUser;
      if (!user) {
        io.err.push(`id: '${names[0]}': no such user\n`);
        return 1;
      }
      const groups = await groupsOf(frame.fs, user);
      const byName = flags.includes("n");
      if (flags.includes("u")) io.out.push(`${byName ? user.name : user.uid}\n`);
      else if (flags.includes("g") && !flags.includes("G")) io.out.push(`${byName ? groups[0].name : user.gid}\n`);
      else if (flags.includes("G")) io.out.push(`${groups.map((g) => (byName ? g.name : g.gid)).join(" ")}\n`);
      else io.out.push(`uid=${user.uid}(${user.name}) gid=${user.gid}(${groups[0].name}) groups=${groups.map((g) => `${g.gid}(${g.name})`).join(",")}\n`);
      return 0;
    }),

    shellCommand(frame, "groups", async (args, _ctx, io) => {
      const user = args[0] ? await lookupUser(frame.fs, args[0]) : frame.effectiveUser;
      if (!user) {
        io.err.push(`groups: '${args[0]}': no such user\n`);
        return 1;
      }
      const names = (await groupsOf(frame.fs, user)).map((g) => g.name).join(" ");
      io.out.push(args[0] ? `${user.name} : ${names}\n` : `${names}\n`);
      return 0;
    }),

    shellCommand(frame, "hostname", async (args, _ctx, io) => {
      const host = frame.host;
      const flag = args.find((a) => a.startsWith("-"));
      const operand = args.find((a) => !a.startsWith("-"));
      if (operand) {
        if (frame.effectiveUser.uid !== 0) {
          io.err.push("hostname: you must be root to change the host name\n");
          return 1;
        }
        io.err.push("hostname: changing the host name is not available in Kubecoach\n");
        return 1;
      }
      const ip = frame.spec.origin?.type === "pod" ? ((await addressesInHostsFile(frame, frame.hostname)) ?? podIp(control, frame.spec.origin)) : host.ip;
      if (flag === "-i" || flag === "--ip-address") io.out.push(`${ip}\n`);
      else if (flag === "-I" || flag === "--all-ip-addresses") io.out.push(`${ip} \n`);
      else if (flag === "-d" || flag === "--domain") io.out.push("\n");
      else io.out.push(`${frame.hostname}\n`);
      return 0;
    }),

    shellCommand(frame, "uname", async (args, _ctx, io) => {
      const fields: Record<string, string> = { s: "Linux", n: frame.hostname, r: kernel, v: kernelVersion, m: "x86_64", p: "x86_64", i: "x86_64", o: "GNU/Linux" };
      const read = getoptLong(args, UNAME_OPTIONS);
      const other = read.options.find((o) => o.key.length > 1);
      if (other) {
        io.err.push(`uname: ${other.name} is not available in Kubecoach\n`);
        return 1;
      }
      const fail = (message: string) => {
        io.err.push(`${message}\n${tryHelp("uname")}`);
        return 1;
      };
      if (read.error) return fail(read.error);
      if (read.operands.length > 0) return fail(`uname: extra operand ‘${read.operands[0]}’`);
      const letters = read.options.map((o) => o.key).join("") || "s";
      const order = letters.includes("a") ? "snrvmpio" : "snrvmpio".split("").filter((c) => letters.includes(c)).join("");
      io.out.push(`${order.split("").map((c) => fields[c]).join(" ")}\n`);
      return 0;
    }),

    shellCommand(frame, "uptime", async (args, _ctx, io) => {
      const env = control.environment;
      const up = Math.floor(uptimeSeconds(env));
      const now = new Date(env.clock.now());
      const clock = now.toISOString().slice(11, 19);
      const days = Math.floor(up / 86400);
      const hours = Math.floor((up % 86400) / 3600);
      const minutes = Math.floor((up % 3600) / 60);
      const since = `${days > 0 ? `${days} day${days === 1 ? "" : "s"}, ` : ""}${hours > 0 ? `${String(hours).padStart(2)}:${String(minutes).padStart(2, "0")}` : `${minutes} min`}`;
      if (args.includes("-p") || args.includes("--pretty")) {
        const parts = [days && `${days} day${days === 1 ? "" : "s"}`, hours && `${hours} hour${hours === 1 ? "" : "s"}`, `${minutes} minute${minutes === 1 ? "" : "s"}`].filter(Boolean);
        io.out.push(`up ${parts.join(", ")}\n`);
      } else io.out.push(` ${clock} up ${since},  1 user,  load average: 0.08, 0.12, 0.09\n`);
      return 0;
    }),
  ];
}

/**
 * `hostname -i` resolves the host name as the resolver does: in a container that is the line the
 * kubelet wrote for the pod in its /etc/hosts (the pod IP), not the node's address.
 */
async function addressesInHostsFile(frame: ShellFrame, name: string): Promise<string | undefined> {
  const text = await frame.fs.readFile("/etc/hosts").catch(() => "");
  const found: string[] = [];
  for (const line of text.split("\n")) {
    const [address, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (address && /^\d+\.\d+\.\d+\.\d+$/.test(address) && names.includes(name)) found.push(address);
  }
  return found.length ? found.join(" ") : undefined;
}

function podIp(control: ShellControl, origin: Extract<NetworkOrigin, { type: "pod" }>): string {
  const pod = control.environment.clusters.get(origin.cluster)?.store.get("/pods", origin.namespace, origin.pod);
  return (pod?.status as { podIP?: string } | undefined)?.podIP ?? "";
}
