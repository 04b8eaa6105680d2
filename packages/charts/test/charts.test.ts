import { describe, expect, it } from 'vitest';
import { careerSpec, genreTrendsSpec, renderSvg, yearInFilmsSpec } from '../src/index.ts';

// The specs render in Node without a browser (what `marquee report` relies on), draw what they
// are given, and escape the text they draw.
describe('charts', () => {
  it('draws genre trends as one line per genre, the top genres only', async () => {
    const points = ['Drama', 'Comedy', 'Horror'].flatMap((genre, g) =>
      [2020, 2021, 2022].map((year) => ({
        genre,
        year,
        titlesReleased: (g + 1) * (year - 2019),
        ratingsGiven: 0,
      })),
    );
    const spec = genreTrendsSpec(points, 'titlesReleased', { top: 2 });
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Films released per genre');
    expect(svg).toContain('Horror');
    expect(svg).toContain('Comedy');
    // Drama has the fewest films: left out.
    expect(svg).not.toContain('Drama');
  });

  it('escapes text from the data', async () => {
    const svg = await renderSvg(
      careerSpec([{ title: 'x', year: 1999, role: '<script>alert(1)</script>' }], 'A & B'),
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('A &amp; B');
  });

  it("draws a user's year in films as bars and an average line", async () => {
    const svg = await renderSvg(
      yearInFilmsSpec(
        [
          { month: '2026-01', ratings: 4, averageRating: 3.5 },
          { month: '2026-02', ratings: 9, averageRating: 4 },
        ],
        'Your year',
      ),
    );
    expect(svg).toContain('Your year');
    expect(svg).toContain('Average rating');
    expect(svg).toContain('mark-rect');
    expect(svg).toContain('mark-line');
  });
});
