import type { TablePrinter } from "../table";
import { namespacePrinter } from "./namespace";

/** Server-side table printers, keyed by "group/resource"; kinds without one use the default convertor. */
export const PRINTERS: Record<string, TablePrinter> = {
  "/namespaces": namespacePrinter,
};
