import { useEffect, useState } from 'react';
import type { TopLevelSpec } from 'vega-lite';

/**
 * A chart from `@marquee/charts`, rendered to SVG as `marquee report` renders it. The charting
 * code (Vega, Vega-Lite) loads only when a page shows a chart, so it stays out of the first load.
 * Vega escapes the text it draws, so the markup is safe to insert.
 */
export function Chart({ spec, label }: { spec: TopLevelSpec | null; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (spec === null) return;
    let current = true;
    import('@marquee/charts')
      .then(({ renderSvg }) => renderSvg(spec))
      .then((markup) => current && setSvg(markup))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [spec]);
  if (failed) return <p role="alert">Could not draw the chart.</p>;
  if (svg === null) return <p role="status">Drawing…</p>;
  return (
    <figure
      className="chart"
      role="img"
      aria-label={label}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
