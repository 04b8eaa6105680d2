/** Rows a secondary store received for a file's lines (e.g. users and interactions from ratings). */
export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * One source file's outcome. Every data line (the header excluded) is counted once:
 * `read = inserted + updated + unchanged + rejected`.
 */
export interface FileSummary extends WriteCounts {
  file: string;
  read: number;
  rejected: number;
  seconds: number;
  /** Parts of written lines not stored (an unknown person's credit, an id another film holds); each is in the rejects file. */
  dropped?: number;
  /** Where reading stopped when the rest of the file could not be read (also in the rejects file). */
  unreadable?: { line: number; reason: string };
  /** Writes to other stores that the lines fed, by store. */
  also: Record<string, WriteCounts>;
  /** Where the rejected lines are, when there are any. */
  rejectsFile?: string;
}

export interface IngestSummary {
  source: 'imdb' | 'movielens';
  /** `bulk`: an initial load into empty tables with indexes built afterwards; else upserts. */
  mode: 'bulk' | 'incremental';
  dir: string;
  files: FileSummary[];
  seconds: number;
  /** Films named in the run's `catalog.moviesAdded` event (at most 1,000; 0 when none was sent). */
  announcedMovies?: number;
}

export function addCounts(into: WriteCounts, counts: WriteCounts): void {
  into.inserted += counts.inserted;
  into.updated += counts.updated;
  into.unchanged += counts.unchanged;
}

/** A plain-text table of the summary, for people (use `--json` for programs). */
export function formatSummary(summary: IngestSummary): string {
  const rows = summary.files.map((file) => [
    file.file,
    file.read,
    file.inserted,
    file.updated,
    file.unchanged,
    file.rejected,
    `${file.seconds.toFixed(1)}s`,
  ]);
  const header = ['file', 'read', 'inserted', 'updated', 'unchanged', 'rejected', 'time'];
  const cells = [
    header,
    ...rows.map((row) =>
      row.map((cell) => (typeof cell === 'number' ? cell.toLocaleString('en-US') : cell)),
    ),
  ];
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => String(row[column]).length)),
  );
  const lines = cells.map((row) =>
    row
      .map((cell, column) =>
        column === 0
          ? String(cell).padEnd(widths[column] ?? 0)
          : String(cell).padStart(widths[column] ?? 0),
      )
      .join('  '),
  );
  for (const file of summary.files) {
    for (const [store, counts] of Object.entries(file.also)) {
      lines.push(
        `  ${file.file} → ${store}: ${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged`,
      );
    }
    if (file.rejectsFile !== undefined) {
      // Dropped parts: an external id another film holds, a title.crew credit of an unknown person.
      const dropped =
        file.dropped === undefined
          ? ''
          : `, ${file.dropped} ${file.dropped === 1 ? 'value' : 'values'} of written lines not stored`;
      lines.push(
        `  ${file.file}: ${file.rejected} rejected lines${dropped}, in ${file.rejectsFile}`,
      );
    }
    if (file.unreadable !== undefined)
      lines.push(`  ${file.file}: read only in part, ${file.unreadable.reason}`);
  }
  if (summary.announcedMovies !== undefined && summary.announcedMovies > 0) {
    lines.push(
      `announced ${summary.announcedMovies.toLocaleString('en-US')} new films in catalog.moviesAdded`,
    );
  }
  lines.push(
    `${summary.source} ${summary.mode === 'bulk' ? 'bulk initial load' : 'ingestion'} of ${summary.dir} took ${summary.seconds.toFixed(1)}s`,
  );
  return lines.join('\n');
}
