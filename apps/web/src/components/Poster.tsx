import type { CSSProperties } from 'react';

/** The poster, or a placeholder with the title's initials when the catalogue has none. */
export function Poster({
  title,
  url,
  size = 'small',
}: {
  title: string;
  url?: string | null;
  size?: 'small' | 'large';
}) {
  if (url)
    return (
      <img
        className={`poster poster-${size}`}
        src={url}
        alt={`Poster of ${title}`}
        loading="lazy"
      />
    );
  const initials = title
    .split(/\s+/)
    .filter((word) => /^[\p{L}\p{N}]/u.test(word))
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('');
  // A hue of its own per title, so a grid of placeholders is told apart at a glance.
  let hue = 0;
  for (const char of title) hue = (hue * 31 + (char.codePointAt(0) ?? 0)) % 360;
  // Decorative: the title is always written next to it.
  return (
    <div
      className={`poster poster-${size} poster-placeholder`}
      style={{ '--hue': hue } as CSSProperties}
      aria-hidden="true"
    >
      {initials}
    </div>
  );
}
