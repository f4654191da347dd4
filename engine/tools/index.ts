import { PROGRAMS } from "../programs";
import { curl } from "./net/curl";
import { dig, host, nslookup } from "./net/dns";
import { nc } from "./net/nc";
import { ping } from "./net/ping";
import { wget } from "./net/wget";
import { helm } from "./helm/helm";
import { man } from "./man/man";
import { ip } from "./netlab/ip";
import { iptables } from "./netlab/iptables";
import { sysctl } from "./netlab/sysctl";
import { openssl } from "./openssl/openssl";
import { df } from "./proc/df";
import { free } from "./proc/free";
import { pgrep, pkill } from "./proc/pgrep";
import { ps } from "./proc/ps";
import { ss } from "./proc/ss";
import { journalctl } from "./systemd/journalctl";
import { systemctl } from "./systemd/systemctl";

/**
 * Generic Linux programs of the lab's machines (not Kubernetes-specific ones: those live with
 * kubectl and the control plane). Each is a Program over the host it runs on.
 */
PROGRAMS.register(["systemctl"], systemctl);
PROGRAMS.register(["journalctl"], journalctl);
PROGRAMS.register(["curl"], curl);
PROGRAMS.register(["wget"], wget);
PROGRAMS.register(["nslookup"], nslookup);
PROGRAMS.register(["dig"], dig);
PROGRAMS.register(["host"], host);
PROGRAMS.register(["ping"], ping);
PROGRAMS.register(["nc", "netcat"], nc);
PROGRAMS.register(["ps"], ps);
PROGRAMS.register(["ss"], ss);
PROGRAMS.register(["free"], free);
PROGRAMS.register(["df"], df);
PROGRAMS.register(["pgrep"], pgrep);
PROGRAMS.register(["pkill"], pkill);
PROGRAMS.register(["openssl"], openssl);
PROGRAMS.register(["ip"], ip);
PROGRAMS.register(["sysctl"], sysctl);
PROGRAMS.register(["iptables", "iptables-legacy", "iptables-nft"], iptables);
PROGRAMS.register(["man"], man);
PROGRAMS.register(["helm"], helm);
