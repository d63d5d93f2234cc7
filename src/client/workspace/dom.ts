/**
 * The workspace's one way of making DOM (decision 0009): elements with attributes and children,
 * text always as text nodes. There is no way to pass HTML, so nothing a person wrote can become
 * markup (AS-03); never use `innerHTML`, `outerHTML` or `insertAdjacentHTML` in src/client/.
 */

/** A child: an element, or text (numbers too); null, undefined and false are skipped. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes: strings set as given, `true` as an empty attribute, false/null/undefined left out. */
export type Attributes = Record<string, string | number | boolean | null | undefined>;

/** Creates `<tag …attributes>…children</tag>`. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...toNodes(children));
  return element;
}

/** Creates an SVG element in the SVG namespace, the same way as {@link el}: text only as text nodes. */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...toNodes(children));
  return element;
}

/** The children as nodes, text as text nodes. */
export function toNodes(children: readonly Child[]): Node[] {
  return children
    .filter(
      (child): child is Node | string | number =>
        child !== null && child !== undefined && child !== false,
    )
    .map((child) => (child instanceof Node ? child : document.createTextNode(String(child))));
}

/** Replaces an element's content. */
export function replaceContent(element: Element, ...children: Child[]): void {
  element.replaceChildren(...toNodes(children));
}

/** A column of {@link dataTable}: its heading, and whether it holds figures (aligned right). */
export interface TableColumn {
  heading: string;
  numeric?: boolean;
}

/** A cell of {@link dataTable}: one child or several. */
export type TableCell = Child | readonly Child[];

/**
 * The workspace's data table, in the wrapper that lets it scroll sideways on a phone: a caption
 * (read by screen readers only when `hideCaption`, where a heading above already says it), the
 * column headings, and one row per entry whose first cell heads its row.
 */
export function dataTable(table: {
  caption: string;
  hideCaption?: boolean;
  columns: readonly TableColumn[];
  rows: readonly (readonly TableCell[])[];
}): HTMLDivElement {
  const numeric = (index: number) => (table.columns[index]?.numeric ? "number" : null);
  const cell = (content: TableCell, index: number) =>
    el(
      index === 0 ? "th" : "td",
      { scope: index === 0 ? "row" : null, class: numeric(index) },
      ...(Array.isArray(content) ? (content as readonly Child[]) : [content as Child]),
    );
  return el(
    "div",
    { class: "table-wrapper" },
    el(
      "table",
      {},
      el("caption", { class: table.hideCaption ? "visually-hidden" : null }, table.caption),
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ...table.columns.map((column, index) =>
            el("th", { scope: "col", class: numeric(index) }, column.heading),
          ),
        ),
      ),
      el("tbody", {}, ...table.rows.map((row) => el("tr", {}, ...row.map(cell)))),
    ),
  );
}
