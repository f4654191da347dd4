import { PROGRAMS } from "../../programs";
import { lsblk } from "./lsblk";
import { mount } from "./mount";
import { netstat } from "./netstat";
import { top } from "./top";

/** Node tools a learner reaches for on a lab machine, over the same process, socket and mount models as ps, ss and df. */
PROGRAMS.register(["mount"], mount);
PROGRAMS.register(["netstat"], netstat);
PROGRAMS.register(["top"], top);
PROGRAMS.register(["lsblk"], lsblk);
