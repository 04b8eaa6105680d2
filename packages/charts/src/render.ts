import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * A Vega-Lite spec as a standalone SVG string. Vega renders SVG without a DOM or a canvas
 * (`renderer: 'none'` + `toSVG`), so Node (`marquee report`) and the browser produce the same
 * markup, and the text it draws is escaped.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
