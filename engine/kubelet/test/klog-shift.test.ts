import { describe, expect, it } from "vitest";
import { shiftTimes } from "../../cluster/boot-template";
import { ServiceManager } from "../../hosts/services";
import { klog } from "../klog";
import { appendLogLines, parseLogFile, renderLogs } from "../logs";
import { HostFileSystem } from "../../hosts/filesystem";

/**
 * A template copy started later moves the times a snapshot holds; `kubectl logs`, `crictl logs` and
 * `journalctl` then show klog headers at the moved time too, not the template's.
 */
const written = Date.UTC(2026, 10, 27, 14, 27, 31, 457);
const DAY = 86_400_000;

describe("klog headers after a template copy is moved in time", () => {
  it("a container log line's header follows its CRI timestamp", () => {
    const fs = new HostFileSystem(() => written);
    appendLogLines(fs, "/var/log/pods/x/c/0.log", [{ at: written, stream: "stderr", text: klog("I", written, 1, "server.go:42", "Serving securely") }]);
    const moved = shiftTimes(JSON.stringify(fs.readFileSync("/var/log/pods/x/c/0.log")), DAY + 2_000);
    const text = renderLogs(parseLogFile(JSON.parse(moved) as string), {});
    expect(text).toBe("I1128 14:27:33.457000       1 server.go:42] Serving securely\n");
    // Unmoved, the header is exactly as written.
    expect(renderLogs(parseLogFile(fs.readFileSync("/var/log/pods/x/c/0.log")), {})).toBe("I1127 14:27:31.457000       1 server.go:42] Serving securely\n");
  });

  it("a journal entry's header follows the entry's time; other messages are left alone", () => {
    let now = written;
    const services = new ServiceManager(() => now);
    services.log("kubelet", klog("E", written, 900, "run.go:72", '"command failed" err="failed to load kubelet config file"'));
    services.log("kubelet", "Started kubelet.service");
    const snapshot = JSON.parse(shiftTimes(JSON.stringify(services.snapshot()), 3 * DAY)) as ReturnType<ServiceManager["snapshot"]>;
    now += 3 * DAY;
    const restored = new ServiceManager(() => now);
    restored.restore(snapshot);
    expect(restored.entries("kubelet").map((e) => e.message)).toEqual(['E1130 14:27:31.457000     900 run.go:72] "command failed" err="failed to load kubelet config file"', "Started kubelet.service"]);
    expect(services.entries("kubelet")[0].message.startsWith("E1127 14:27:31.457000 ")).toBe(true);
  });
});
