/**
 * Custom XML parts: the root element's namespace is what `getByNamespace` matches. The simulator
 * checks that the XML has one root element and balanced tags; it is not a full XML parser.
 */
import { invalidArgument } from "./errors";

/** The namespace URI of the root element (its default `xmlns`, or the one bound to its prefix). */
export function rootNamespace(xml: string, location: string): string {
  const body = xml.replace(/^\s*<\?xml[^>]*\?>/, "").replace(/<!--[\s\S]*?-->/g, "").trim();
  const root = /^<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)(\s[^>]*?)?(\/?)>/.exec(body);
  if (!root?.[1]) throw invalidArgument("The custom XML part is not well-formed XML.", location);
  const [prefix, local] = root[1].includes(":") ? root[1].split(":") : [null, root[1]];
  const closing = root[3] === "/" ? "" : `</${root[1]}>`;
  if (closing !== "" && !body.endsWith(closing)) throw invalidArgument(`The root element <${local ?? ""}> is not closed.`, location);
  const attributes = root[2] ?? "";
  const attribute = prefix ? `xmlns:${prefix}` : "xmlns";
  const match = new RegExp(`\\s${attribute}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attributes);
  return match?.[2] ?? match?.[3] ?? "";
}
