// An authored scenario as a folder to download: <slug>/<file> in a gzipped tar (ustar), so it
// drops straight into scenarios/cka/<domain>/ of a Kubecoach checkout.
import { gzipSync } from "node:zlib";
import { SCENARIO_FILES, type ScenarioFiles } from "./files";

function header(name: string, size: number, mtime: number, type: "0" | "5"): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, "utf8");
  block.write(type === "5" ? "0000755\0" : "0000644\0", 100);
  block.write("0000000\0", 108); // uid
  block.write("0000000\0", 116); // gid
  block.write(size.toString(8).padStart(11, "0") + "\0", 124);
  block.write(Math.floor(mtime / 1000).toString(8).padStart(11, "0") + "\0", 136);
  block.write("        ", 148); // checksum placeholder: spaces while summing
  block.write(type, 156);
  block.write("ustar\0", 257);
  block.write("00", 263);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return block;
}

export function scenarioTarball(slug: string, files: ScenarioFiles, mtime = Date.now()): Buffer {
  const parts: Buffer[] = [header(`${slug}/`, 0, mtime, "5")];
  for (const name of SCENARIO_FILES) {
    const text = files[name];
    if (text === undefined || (name === "explanation.md" && !text.trim())) continue;
    const data = Buffer.from(text, "utf8");
    parts.push(header(`${slug}/${name}`, data.length, mtime, "0"), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}
