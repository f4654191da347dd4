import type { Environment } from "../cluster/environment";
import type { Host } from "../hosts/host";
import { kernelParameter, setKernelParameter } from "../hosts/kernel";
import { BOOT_TIME_KEY } from "../hosts/seed";
import { hostMemory, meminfoText } from "../tools/proc/memory";
import { hostMounts, procMountsText } from "../tools/proc/mounts";

/**
 * /proc as tools read it on a 2-vCPU, 4 GiB Ubuntu 22.04 VM — the size of a typical CKA lab node —
 * computed on every read from the host and the environment's clock.
 */
const KERNEL = "5.15.0-113-generic";
export const PROC_VERSION = `Linux version ${KERNEL} (buildd@lcy02-amd64-072) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0, GNU ld (GNU Binutils for Ubuntu) 2.38) #123-Ubuntu SMP Mon Jun 10 08:16:17 UTC 2024\n`;

function cpuinfo(): string {
  const cpu = (n: number) =>
    [
      `processor\t: ${n}`,
      "vendor_id\t: GenuineIntel",
      "cpu family\t: 6",
      "model\t\t: 85",
      "model name\t: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz",
      "stepping\t: 7",
      "microcode\t: 0x5003604",
      "cpu MHz\t\t: 2499.998",
      "cache size\t: 36608 KB",
      "physical id\t: 0",
      "siblings\t: 2",
      `core id\t\t: ${n}`,
      "cpu cores\t: 2",
      `apicid\t\t: ${n}`,
      `initial apicid\t: ${n}`,
      "fpu\t\t: yes",
      "fpu_exception\t: yes",
      "cpuid level\t: 13",
      "wp\t\t: yes",
      "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch invpcid_single pti fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid mpx avx512f avx512dq rdseed adx smap clflushopt clwb avx512cd avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves ida arat pku ospke",
      "bugs\t\t: cpu_meltdown spectre_v1 spectre_v2 spec_store_bypass l1tf mds swapgs itlb_multihit mmio_stale_data retbleed gds",
      "bogomips\t: 4999.99",
      "clflush size\t: 64",
      "cache_alignment\t: 64",
      "address sizes\t: 46 bits physical, 48 bits virtual",
      "power management:",
      "",
    ].join("\n");
  return `${cpu(0)}\n${cpu(1)}\n`;
}

/** Seconds the host has been up: hosts boot when the environment is created. */
function uptimeSeconds(env: Environment): number {
  const boot = (env.extra[BOOT_TIME_KEY] as number | undefined) ?? env.clock.now();
  return Math.max(0, (env.clock.now() - boot) / 1000) + 60;
}

export function procFile(env: Environment, host: Host, path: string): string | undefined {
  switch (path) {
    case "/proc/cpuinfo":
      return cpuinfo();
    case "/proc/meminfo":
      return meminfoText(hostMemory(env, host));
    case "/proc/version":
      return PROC_VERSION;
    case "/proc/uptime": {
      const up = uptimeSeconds(env);
      return `${up.toFixed(2)} ${(up * 1.9).toFixed(2)}\n`;
    }
    case "/proc/loadavg":
      return "0.08 0.12 0.09 1/312 4211\n";
    case "/proc/self/cmdline":
      return "bash\0";
    case "/proc/self/comm":
      return "bash\n";
    case "/proc/mounts":
      return procMountsText(hostMounts(env, host));
  }
  if (path.startsWith("/proc/sys/")) {
    const value = kernelParameter(env, host, path.slice("/proc/sys/".length));
    return value === undefined ? undefined : `${value}\n`;
  }
  return undefined;
}

export function procWrite(env: Environment, host: Host, path: string, content: string): boolean {
  return setKernelParameter(env, host, path.slice("/proc/sys/".length), content.trim());
}

export { uptimeSeconds };
