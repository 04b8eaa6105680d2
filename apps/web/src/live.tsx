import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useSubscription } from 'urql';
import { graphql, type FragmentType } from './__generated__/index.ts';
import { useAuth } from './auth.tsx';
import type { RecommendationFields } from './components/Recommendations.tsx';

export const RecommendationsUpdatedSubscription = graphql(`
  subscription RecommendationsUpdated {
    recommendationsUpdated {
      at
      added {
        reason
        movie {
          id
          title
        }
      }
      recommendations(first: 20) {
        ...RecommendationFields
      }
    }
  }
`);

export interface LiveUpdate {
  at: string;
  added: { reason: string; title: string }[];
  recommendations: readonly FragmentType<typeof RecommendationFields>[];
}

const LiveContext = createContext<LiveUpdate | null>(null);

/** The newest "your recommendations changed" event of this session, or null before the first. */
export const useLiveRecommendations = () => useContext(LiveContext);

/**
 * One graphql-ws subscription for the signed-in user, app-wide: "For you" swaps in the list it
 * carries, and a polite live region announces what entered it, on whatever page the user is.
 */
export function LiveRecommendations({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const [{ data }] = useSubscription({
    query: RecommendationsUpdatedSubscription,
    pause: session === null,
  });
  const [latest, setLatest] = useState<LiveUpdate | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  useEffect(() => {
    const event = data?.recommendationsUpdated;
    if (event === undefined) return;
    setLatest({
      at: event.at,
      added: event.added.flatMap((item) =>
        item.movie === null || item.movie === undefined
          ? []
          : [{ reason: item.reason, title: item.movie.title }],
      ),
      recommendations: event.recommendations,
    });
  }, [data]);
  useEffect(() => {
    if (session === null) setLatest(null);
  }, [session]);
  const shown = latest !== null && latest.at !== dismissed && latest.added.length > 0;
  return (
    <LiveContext.Provider value={latest}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {shown ? (
          <div className="toast" data-testid="live-notification">
            <p>
              <strong>New for you:</strong>{' '}
              {latest.added
                .slice(0, 3)
                .map((item) => `${item.title} (${item.reason})`)
                .join(', ')}
              {latest.added.length > 3 ? ` and ${latest.added.length - 3} more` : ''}
            </p>
            <button type="button" onClick={() => setDismissed(latest.at)}>
              Dismiss
            </button>
          </div>
        ) : null}
      </div>
    </LiveContext.Provider>
  );
}
