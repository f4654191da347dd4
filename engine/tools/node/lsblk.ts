import type { Program } from "../../process/types";
import { hostMounts } from "../proc/mounts";

/**
 * util-linux 2.37 `lsblk` for the lab machine's one virtio disk (a 50 GiB cloud image: root, BIOS
 * boot and EFI partitions), mount points from the mount table; `-f` and `-o` are not modelled and
 * say so.
 */
interface Device {
  name: string;
  majMin: string;
  bytes: number;
  type: "disk" | "part";
  parent?: string;
}

const GIB = 1024 ** 3;
const DEVICES: Device[] = [
  { name: "vda", majMin: "252:0", bytes: 50 * GIB, type: "disk" },
  { name: "vda1", majMin: "252:1", bytes: 50 * GIB - 110 * 1024 * 1024 - 1024 * 1024, type: "part", parent: "vda" },
  { name: "vda14", majMin: "252:14", bytes: 4 * 1024 * 1024, type: "part", parent: "vda" },
  { name: "vda15", majMin: "252:15", bytes: 106 * 1024 * 1024, type: "part", parent: "vda" },
];

/** lsblk's sizes: binary units with one decimal below 10 (rounded, not up like df), the unit letter only. */
function size(bytes: number): string {
  const units = ["B", "K", "M", "G", "T"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, "");
  return `${text}${units[unit]}`;
}

export const lsblk: Program = async (ctx) => {
  for (const a of ctx.args) {
    if (a === "-f" || a === "--fs" || a === "-o" || a.startsWith("--output")) {
      ctx.stderr(`lsblk: ${a} is not available in Kubecoach yet\n`);
      return 1;
    }
  }
  const bytesFlag = ctx.args.includes("-b") || ctx.args.includes("--bytes");
  const mounts = hostMounts(ctx.environment, ctx.host);
  const mountOf = (name: string) => mounts.filter((m) => m.source === `/dev/${name}`).map((m) => m.target).join("\n");
  const rows = DEVICES.map((d) => {
    const siblings = DEVICES.filter((x) => x.parent && x.parent === d.parent);
    const last = d.parent && siblings[siblings.length - 1] === d;
    const name = d.parent ? `${last ? "└─" : "├─"}${d.name}` : d.name;
    return { name, majMin: d.majMin, rm: "0", size: bytesFlag ? String(d.bytes) : size(d.bytes), ro: "0", type: d.type, mount: mountOf(d.name) };
  });
  const nameWidth = Math.max(4, ...rows.map((r) => [...r.name].length));
  const sizeWidth = Math.max(4, ...rows.map((r) => r.size.length));
  const majWidth = Math.max(7, ...rows.map((r) => r.majMin.length));
  const line = (name: string, majMin: string, rm: string, sz: string, ro: string, type: string, mount: string) => {
    const majPad = majMin.includes(":") ? `${majMin.split(":")[0].padStart(majWidth - 4)}:${majMin.split(":")[1].padEnd(3)}` : majMin.padEnd(majWidth);
    return `${name.padEnd(nameWidth + name.length - [...name].length)} ${majPad} ${rm.padStart(2)} ${sz.padStart(sizeWidth)} ${ro.padStart(2)} ${type.padEnd(4)} ${mount}`;
  };
  const out = [`${"NAME".padEnd(nameWidth)} MAJ:MIN RM ${"SIZE".padStart(sizeWidth)} RO TYPE MOUNTPOINTS`, ...rows.map((r) => line(r.name, r.majMin, r.rm, r.size, r.ro, r.type, r.mount))];
  ctx.stdout(`${out.join("\n")}\n`);
  return 0;
};
