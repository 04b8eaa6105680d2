import { describe, expect, it } from 'vitest';
import { TitleWatermark } from '../src/ingest/titleWatermark.ts';

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('TitleWatermark', () => {
  it('lets title.crew through for the titles title.principals has passed, while it comes sorted', async () => {
    const watermark = new TitleWatermark();
    watermark.see('tt0000001');
    watermark.see('tt0000001');
    const second = watermark.reached(['tt0000002', 'tt0000001']);
    const first = watermark.reached(['tt0000001']);
    // Title 1 may still have lines to come until title.principals moves past it.
    expect(await settled(first)).toBe(false);
    watermark.see('tt0000003');
    expect(await settled(first)).toBe(true);
    // No title.principals line for title 2: passing it is enough.
    expect(await settled(second)).toBe(true);
    expect(await settled(watermark.reached(['tt0000003']))).toBe(false);
  });

  it('holds title.crew until the end once title.principals comes out of order', async () => {
    const watermark = new TitleWatermark();
    watermark.see('tt0000005');
    watermark.see('tt0000002');
    watermark.see('tt0000009');
    const crew = watermark.reached(['tt0000003']);
    expect(await settled(crew)).toBe(false);
    watermark.finish();
    expect(await settled(crew)).toBe(true);
  });

  it('waits for the end for an id in another spelling, on either side', async () => {
    const crewSide = new TitleWatermark();
    crewSide.see('tt0000001');
    crewSide.see('tt0000009');
    const odd = crewSide.reached(['tt00000001x']);
    expect(await settled(odd)).toBe(false);
    crewSide.finish();
    expect(await settled(odd)).toBe(true);

    const principalsSide = new TitleWatermark();
    principalsSide.see('tt00000001x');
    principalsSide.see('tt0000009');
    const crew = principalsSide.reached(['tt0000001']);
    expect(await settled(crew)).toBe(false);
    principalsSide.finish();
    expect(await settled(crew)).toBe(true);
  });
});
