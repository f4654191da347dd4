import { age, column, NAME_COLUMN, type TablePrinter } from "../table";

export const namespacePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Status", "string", "The status of the namespace"),
    column("Age", "string", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"),
  ],
  rows: (obj, ctx) => [[obj.metadata.name, (obj.status as { phase?: string } | undefined)?.phase ?? "", age(obj.metadata.creationTimestamp, ctx.now)]],
};
