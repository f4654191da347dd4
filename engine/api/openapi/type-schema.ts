import ts from "typescript";
import type { PropertySchema } from "./definitions";

const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

/**
 * The OpenAPI schema of a property's TypeScript type, as kubernetes-types and kubernetes-models
 * declare them: `number | string` is IntOrString, other unions (string literals, apiextensions'
 * JSONSchemaPropsOr*) take their first member, index signatures are maps. `reference` turns a
 * named type into its schema (a $ref to the definition it was imported from).
 */
export function typeNodeSchema(type: ts.TypeNode, source: ts.SourceFile, reference: (name: string) => PropertySchema): PropertySchema {
  const schema = (t: ts.TypeNode): PropertySchema => typeNodeSchema(t, source, reference);
  if (ts.isUnionTypeNode(type)) {
    const members = type.types.map((t) => t.getText(source)).sort();
    if (members.join("|") === "number|string") return { $ref: INT_OR_STRING };
    return schema(type.types[0]);
  }
  if (ts.isArrayTypeNode(type)) return { type: "array", items: schema(type.elementType) };
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText(source);
    if (name === "Array" && type.typeArguments) return { type: "array", items: schema(type.typeArguments[0]) };
    return reference(name);
  }
  if (ts.isTypeLiteralNode(type)) {
    const index = type.members.find(ts.isIndexSignatureDeclaration);
    if (index?.type) return { type: "object", additionalProperties: schema(index.type) };
    return { type: "object" };
  }
  if (ts.isLiteralTypeNode(type)) return { type: "string" };
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: "string" };
    case ts.SyntaxKind.NumberKeyword:
      return { type: "integer" };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: "boolean" };
    default:
      return { type: "object" };
  }
}
