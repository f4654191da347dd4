/** POSIX shell arithmetic ($(( … ))): integers, + - * / %, comparisons, && ||, parentheses, variables. */
export function evaluateArithmetic(expr: string, lookup: (name: string) => string | undefined): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const primary = (): number => {
    const t = next();
    if (t === undefined) return 0;
    if (t === "(") {
      const v = orExpr();
      next();
      return v;
    }
    if (t === "-") return -primary();
    if (t === "+") return primary();
    if (t === "!") return primary() ? 0 : 1;
    if (/^\d+$/.test(t)) return Number(t);
    const v = lookup(t);
    return v === undefined || v === "" ? 0 : Number.parseInt(v, 10) || 0;
  };
  const binary = (sub: () => number, ops: Record<string, (a: number, b: number) => number>) => (): number => {
    let v = sub();
    while (peek() !== undefined && ops[peek()!]) {
      const op = ops[next()!];
      v = op(v, sub());
    }
    return v;
  };
  const mul = binary(primary, { "*": (a, b) => a * b, "/": (a, b) => (b === 0 ? 0 : Math.trunc(a / b)), "%": (a, b) => (b === 0 ? 0 : a % b) });
  const add = binary(mul, { "+": (a, b) => a + b, "-": (a, b) => a - b });
  const cmp = binary(add, { "<": (a, b) => +(a < b), ">": (a, b) => +(a > b), "<=": (a, b) => +(a <= b), ">=": (a, b) => +(a >= b) });
  const eq = binary(cmp, { "==": (a, b) => +(a === b), "!=": (a, b) => +(a !== b) });
  const and = binary(eq, { "&&": (a, b) => +(!!a && !!b) });
  const orExpr = binary(and, { "||": (a, b) => +(!!a || !!b) });
  return orExpr();
}
