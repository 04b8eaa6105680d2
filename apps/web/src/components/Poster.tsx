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
  // Decorative: the title is always written next to it.
  return (
    <div className={`poster poster-${size} poster-placeholder`} aria-hidden="true">
      {initials}
    </div>
  );
}
