/**
 * Imports every module that registers programs in PROGRAMS. Add one import line per area.
 * The shell imports this file once, so a program is available as soon as its module is listed here.
 */
import "./kubectl";
import "./tools";
import "./nodetools";
import "./tools/chroot/chroot";
import "./tools/node";

export {};
