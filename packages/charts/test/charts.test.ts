import { describe, expect, it } from 'vitest';
import {
  careerSpec,
  genreTrendsSpec,
  lastTwelveMonths,
  renderSvg,
  yearInFilmsSpec,
} from '../src/index.ts';

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

  it('fills the twelve months up to now, oldest first, with empty months', () => {
    const months = lastTwelveMonths(
      [
        { month: '2025-01', ratings: 7, averageRating: 3 },
        { month: '2025-03', ratings: 4, averageRating: 3.5 },
        { month: '2026-02', ratings: 9, averageRating: 4 },
      ],
      new Date('2026-02-17T23:59:00Z'),
    );
    expect(months.map((point) => point.month)).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(months[0]).toEqual({ month: '2025-03', ratings: 4, averageRating: 3.5 });
    expect(months[1]).toEqual({ month: '2025-04', ratings: 0, averageRating: null });
    expect(months[11]).toEqual({ month: '2026-02', ratings: 9, averageRating: 4 });
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
